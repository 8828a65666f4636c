package io.mqttguard.policytest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading policy test files (moved from the ACL loader's message tests). */
class PolicyTestCasesTest {

  @Test
  void policyTestCases_loadFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acl.tests.json");
    Files.write(
        file,
        Json.bytes("{'cases':[{'roles':['r'],'action':'publish','topic':'a','expect':'deny'}]}"));
    PolicyTestCases cases = PolicyTestCases.load(file);
    assertThat(cases.file()).isEqualTo("acl.tests.json");
    assertThat(cases.cases()).hasSize(1);
    assertThat(cases.cases().get(0).topic()).isEqualTo("a");
  }

  @Test
  void policyTestCase_toString_neverShowsThePassword_andOmitsAbsentFields() throws Exception {
    PolicyTestCases cases =
        PolicyTestCases.parse(
            "acl.tests.json",
            Json.bytes(
                "{'cases':[{'name':'login','username':'op','password':'s3cret-pw',"
                    + "'action':'connect','expect':'allow'},"
                    + "{'name':'pub','roles':['r'],'action':'publish','topic':'a/b','expect':'deny'}]}"));
    String login = cases.cases().get(0).toString();
    assertThat(login)
        .startsWith("PolicyTestCase[login at /cases/0: CONNECT  by clientId=")
        .contains(", username=op, password=(present), expect ALLOW]")
        .doesNotContain("s3cret-pw")
        .doesNotContain("null");
    String pub = cases.cases().get(1).toString();
    assertThat(pub)
        .startsWith("PolicyTestCase[pub at /cases/1: PUBLISH a/b by clientId=")
        .endsWith(", expect DENY]")
        .doesNotContain("username")
        .doesNotContain("password");
  }
}
