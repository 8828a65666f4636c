package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specification of acl.json loading: schema first, then every semantic problem with pointers. */
class AclPolicyLoadTest {

  private static List<ConfigProblem> problems(String json) {
    try {
      var unused = AclPolicy.parse("acl.json", Acl.json(json));
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException for " + json);
  }

  private static List<String> rendered(String json) {
    return problems(json).stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void issueExample_loads() throws Exception {
    AclPolicy acl =
        AclPolicy.parse(
            "acl.json",
            Acl.json(
                "{'$schema':'https://mqttguard.io/schemas/acl-1.json','roles':{"
                    + "'sensor':{'rules':[{'effect':'allow','actions':['publish'],"
                    + "'topics':['sensors/${client.id}/#'],'maxQos':1,'retain':false},"
                    + "{'effect':'allow','actions':['subscribe'],'topics':['commands/${client.id}']}]},"
                    + "'operator':{'rules':[{'effect':'allow','actions':['subscribe'],'topics':['sensors/#']},"
                    + "{'effect':'deny','actions':['receive'],'topics':['sensors/+/secrets/#']}]}},"
                    + "'anonymous':{'roles':[]}}"));
    assertThat(acl.roleNames()).containsExactlyInAnyOrder("sensor", "operator");
    assertThat(acl.anonymousRoles()).isEmpty();
    assertThat(acl.warnings()).isEmpty();
  }

  @Test
  void load_readsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acl.json");
    Files.write(file, Acl.json("{'roles':{'r':{'rules':[]}}}"));
    AclPolicy acl = AclPolicy.load(file);
    assertThat(acl.roleNames()).containsExactly("r");
    assertThat(acl.warnings()).extracting(ConfigProblem::pointer).containsExactly("/roles/r/rules");
  }

  @Test
  void load_missingFile_namesIt(@TempDir Path dir) {
    assertThatThrownBy(() -> AclPolicy.load(dir.resolve("acl.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("acl.json")
        .hasMessageContaining("not found");
  }

  @Test
  void schemaViolations_areReportedWithPointers() {
    assertThat(
            problems(
                "{'roles':{'r':{'rules':[{'effect':'maybe','actions':['publish'],'topics':['a']}]}}}"))
        .extracting(ConfigProblem::pointer)
        .contains("/roles/r/rules/0/effect");
    assertThat(problems("{'roles':{},'extra':1}")).isNotEmpty();
    assertThat(problems("{'roles':{'r':{'rules':[]}},'roles':{}}")).isNotEmpty();
  }

  @Test
  void invalidFilter_isRejectedWithPointer() {
    assertThat(
            rendered(
                "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['ok','a/#/b']}]}}}"))
        .containsExactly(
            "acl.json: /roles/r/rules/0/topics/1: topic filter '#' must be the whole last level, but was 'a/#/b'");
  }

  @Test
  void unknownSubstitution_isRejected() {
    assertThat(
            rendered(
                "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['a/${client.name}']}]}}}"))
        .singleElement()
        .asString()
        .contains("/roles/r/rules/0/topics/0", "unknown substitution '${client.name}'");
  }

  @Test
  void substitutionNotAWholeLevel_isRejected() {
    assertThat(
            rendered(
                "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['a/x${client.id}']}]}}}"))
        .singleElement()
        .asString()
        .contains("must be a whole level");
  }

  @Test
  void unknownAnonymousRole_isRejected() {
    assertThat(
            rendered(
                "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['a']}]}},"
                    + "'anonymous':{'roles':['ghost']}}"))
        .singleElement()
        .asString()
        .contains("/anonymous/roles/0", "unknown role 'ghost'");
  }

  @Test
  void constraintsOnDenyOrWrongAction_areRejected() {
    assertThat(
            problems(
                "{'roles':{'r':{'rules':["
                    + "{'effect':'deny','actions':['publish'],'topics':['a'],'maxQos':1},"
                    + "{'effect':'allow','actions':['subscribe'],'topics':['a'],'retain':true},"
                    + "{'effect':'allow','actions':['publish'],'topics':['a'],'shareGroups':['g']},"
                    + "{'effect':'allow','actions':['subscribe'],'topics':['$share/g/a']},"
                    + "{'effect':'allow','actions':['subscribe'],'topics':['a'],'shareGroups':['g/h']}"
                    + "]}}}"))
        .extracting(ConfigProblem::pointer)
        .containsExactly(
            "/roles/r/rules/0/maxQos",
            "/roles/r/rules/1/retain",
            "/roles/r/rules/2/shareGroups",
            "/roles/r/rules/3/topics/0",
            "/roles/r/rules/4/shareGroups/0");
  }

  @Test
  void tooManyLevels_isRejected() {
    String deep = "a/".repeat(TopicTemplate.MAX_LEVELS) + "b";
    assertThat(
            rendered(
                "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['"
                    + deep
                    + "']}]}}}"))
        .singleElement()
        .asString()
        .contains("at most 256 levels");
  }

  @Test
  void allProblemsOfAFile_areReportedTogether() {
    assertThat(
            problems(
                "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['a/+b']},"
                    + "{'effect':'allow','actions':['publish'],'topics':['${nope}']}]}},"
                    + "'anonymous':{'roles':['ghost']}}"))
        .hasSize(3);
  }
}
