package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specification of the exact, actionable messages of acl.json and policy-test loading. */
class AclLoaderMessagesTest {

  private static List<ConfigProblem> problems(String rules) {
    try {
      var unused = Acl.role(rules);
    } catch (AssertionError e) {
      if (e.getCause() instanceof ConfigException c) {
        return c.problems();
      }
      throw e;
    }
    throw new AssertionError("expected a ConfigException for " + rules);
  }

  private static String only(String rules) {
    List<ConfigProblem> p = problems(rules);
    assertThat(p).hasSize(1);
    return p.get(0).pointer() + " " + p.get(0).message();
  }

  @Test
  void substitutionInsideALevel_namesTheLevelNumber() {
    assertThat(only("{'effect':'allow','actions':['publish'],'topics':['a/x${client.id}']}"))
        .isEqualTo(
            "/roles/r/rules/0/topics/0 a substitution must be a whole level (like"
                + " 'a/${client.id}/b'), but level 2 of 'a/x${client.id}' is 'x${client.id}'");
  }

  @Test
  void sharedSubscriptionAsRuleTopic_pointsToShareGroups() {
    assertThat(only("{'effect':'allow','actions':['subscribe'],'topics':['$share/g/x']}"))
        .isEqualTo(
            "/roles/r/rules/0/topics/0 rule topics name the inner filter of shared subscriptions;"
                + " use 'shareGroups' instead of '$share/g/x'");
  }

  private static String levels(int n) {
    return String.join("/", Collections.nCopies(n, "a"));
  }

  @Test
  void ruleTopicDepth_256LevelsLoad_257AreRejected() {
    var unused =
        Acl.role("{'effect':'allow','actions':['publish'],'topics':['" + levels(256) + "']}");
    assertThat(only("{'effect':'allow','actions':['publish'],'topics':['" + levels(257) + "']}"))
        .isEqualTo("/roles/r/rules/0/topics/0 a rule topic must have at most 256 levels");
  }

  @Test
  void abbreviate_keepsHundredCharacters_andCutsLongerOnes() {
    String hundred = "x".repeat(100);
    assertThat(TopicTemplate.abbreviate(hundred)).isEqualTo(hundred);
    assertThat(TopicTemplate.abbreviate(hundred + "y")).isEqualTo(hundred + "...");
    assertThat(TopicTemplate.abbreviate("a\u0000b")).isEqualTo("a\\u0000b");
  }

  @Test
  void constraintOnWrongAction_saysWhichActionsItAppliesTo() {
    assertThat(only("{'effect':'allow','actions':['receive'],'topics':['a'],'maxQos':1}"))
        .isEqualTo(
            "/roles/r/rules/0/maxQos maxQos applies to publish and subscribe, but the rule's"
                + " actions are [RECEIVE]");
    assertThat(only("{'effect':'allow','actions':['subscribe'],'topics':['a'],'retain':true}"))
        .isEqualTo(
            "/roles/r/rules/0/retain retain applies to publish, but the rule's actions are"
                + " [SUBSCRIBE]");
  }

  @Test
  void shareGroupWithTopicCharacters_isRejectedWhereverTheCharacterIs() {
    for (String g : List.of("/g", "g/", "+g", "g+", "#g", "g#")) {
      assertThat(
              only(
                  "{'effect':'allow','actions':['subscribe'],'topics':['a'],'shareGroups':['ok','"
                      + g
                      + "']}"))
          .as(g)
          .isEqualTo(
              "/roles/r/rules/0/shareGroups/1 a share group must not contain '/', '+', '#' or"
                  + " U+0000, but was '"
                  + g
                  + "'");
    }
  }

  @Test
  void load_semanticProblem_namesTheFileByItsNameNotItsPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acl.json");
    Files.write(file, Acl.json("{'roles':{'r':{'rules':[]}},'anonymous':{'roles':['ghost']}}"));
    assertThatThrownBy(() -> AclPolicy.load(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::file, ConfigProblem::pointer)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple("acl.json", "/anonymous/roles/0")));
  }
}
