package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $share/...} topics in mosquitto ACLs (issue 15, item 12): translated exactly or left out
 * with a "not translated" line, never a wider grant, and the rest is always written. The expected
 * mosquitto behaviour was observed with mosquitto 2.0.11 (acl_file and dynamic-security plugin).
 */
class ImportSharedSubscriptionTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void aclFile_shareLines_areLeftOutAndReported_theRestIsWritten() throws Exception {
    Path acl = dir.resolve("acl");
    Files.writeString(
        acl,
        String.join(
            "\n",
            "topic readwrite $share/#",
            "topic read sensors/#",
            "user alice",
            "topic read $share/workers/jobs/#",
            "topic deny $share/workers/#",
            "topic write $share/x",
            "topic readwrite jobs/#",
            "pattern read $share/%u/inbox/#",
            ""));

    Cli.Result r = Cli.run("import", "mosquitto", "--acl", acl.toString(), "-o", out());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    for (int line : new int[] {1, 4, 5, 6, 8}) {
      assertThat(r.out()).contains("acl:" + line + ": not translated: topic '$share");
    }
    assertThat(r.out())
        .contains("left out; it had no effect in mosquitto")
        .doesNotContain("DENY is missing");
    JsonNode doc = read("acl.json");
    assertThat(doc.toString()).doesNotContain("$share");
    assertThat(doc.at("/roles/anonymous/rules/0/topics/0").asText()).isEqualTo("sensors/#");
    assertThat(doc.at("/roles/user.alice/rules/0/topics/0").asText()).isEqualTo("jobs/#");
    // the written policy authorizes shared subscriptions on the inner filter of granted topics
    assertThat(explain("-a", "subscribe", "-t", "$share/g/sensors/#").code()).isZero();
    assertThat(explain("-a", "subscribe", "-t", "$share/g/other/#").code()).isEqualTo(1);
  }

  @Test
  void dynsec_shareAcls_oneGroupExact_anyGroupAllowLeftOut_anyGroupDenyWidened() throws Exception {
    Path file = dir.resolve("dynamic-security.json");
    Files.writeString(
        file,
        """
        {
          "clients": [{"username": "w", "roles": [{"rolename": "worker"}]}],
          "roles": [{"rolename": "worker", "acls": [
            {"acltype": "subscribePattern", "topic": "$share/workers/jobs/#", "allow": true},
            {"acltype": "subscribePattern", "topic": "$share/+/jobs/#", "allow": true},
            {"acltype": "subscribeLiteral", "topic": "$share/+/x", "allow": true},
            {"acltype": "subscribePattern", "topic": "$share/workers", "allow": true},
            {"acltype": "publishClientSend", "topic": "$share/workers/jobs", "allow": true},
            {"acltype": "subscribePattern", "topic": "$share/+/secret/#", "allow": false},
            {"acltype": "subscribePattern", "topic": "$share/audit/log/#", "allow": false},
            {"acltype": "subscribePattern", "topic": "status/#", "allow": true}
          ]}]
        }
        """);

    Cli.Result r = Cli.run("import", "mosquitto", "--dynsec", file.toString(), "-o", out());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    JsonNode rules = read("acl.json").at("/roles/worker/rules");
    assertThat(rules.toString()).doesNotContain("$share");
    assertThat(rules.get(0).toString())
        .contains("\"effect\":\"allow\"")
        .contains("\"actions\":[\"subscribe\"]")
        .contains("\"topics\":[\"jobs/#\"]")
        .contains("\"shareGroups\":[\"workers\"]");
    assertThat(rules.get(1).toString())
        .contains("\"effect\":\"deny\"")
        .contains("\"topics\":[\"secret/#\"]")
        .doesNotContain("shareGroups");
    assertThat(rules.get(2).toString())
        .contains("\"effect\":\"deny\"")
        .contains("\"topics\":[\"log/#\"]")
        .contains("\"shareGroups\":[\"audit\"]");
    assertThat(rules.get(3).toString()).contains("\"topics\":[\"status/#\"]");
    assertThat(rules.size()).isEqualTo(4);
    assertThat(r.out())
        .contains(":5: not translated: subscribePattern '$share/+/jobs/#': left out: shared")
        .contains(":6: not translated: subscribeLiteral '$share/+/x': left out; it had no effect")
        .contains(
            ":7: not translated: subscribePattern '$share/workers': left out; it had no effect")
        .contains(":8: not translated: publishClientSend '$share/workers/jobs': left out")
        .contains(":9: differs: subscribePattern '$share/+/secret/#' (shared subscriptions in any")
        .contains(":11: differs: dynsec matches subscribe ACLs against the whole SUBSCRIBE string");

    assertThat(explain("-u", "w", "-a", "subscribe", "-t", "$share/workers/jobs/a").code())
        .isZero();
    assertThat(explain("-u", "w", "-a", "subscribe", "-t", "$share/other/jobs/a").code())
        .isEqualTo(1);
    assertThat(explain("-u", "w", "-a", "subscribe", "-t", "jobs/a").code()).isEqualTo(1);
    assertThat(explain("-u", "w", "-a", "subscribe", "-t", "$share/audit/status/x").code())
        .isZero();
  }

  private String out() {
    return dir.resolve("out").toString();
  }

  private Cli.Result explain(String... args) {
    String[] argv = new String[args.length + 3];
    argv[0] = "explain";
    argv[1] = "-c";
    argv[2] = out();
    System.arraycopy(args, 0, argv, 3, args.length);
    return Cli.run(argv);
  }

  private JsonNode read(String file) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("out").resolve(file).toFile());
  }
}
