package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void quickstart_hasNoErrors() {
    Cli.Result r = Cli.run("check", "--config", QuickstartExampleTest.QUICKSTART.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out())
        .contains("acl.json")
        .contains(
            "warning: guard.json: /listeners/tcp/requireTlsForPassword: listener 'tcp' accepts"
                + " passwords without TLS")
        .endsWith("0 errors, 1 warnings\n");
  }

  @Test
  void errorsInSeveralFiles_areAllReportedWithFileAndPointer_exit1() throws Exception {
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"a/#/b\"]}]}}}");
    Files.writeString(dir.resolve("users.json"), "{\"users\": {\"bob\": {\"roles\": [\"nope\"]}}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("error: acl.json: /roles/r/rules/0/topics/0: ");
    assertThat(r.out()).containsPattern("errors?, \\d+ warnings\n$");
  }

  @Test
  void weakHash_isAWarningNotAnError() throws Exception {
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"a/b\"]}]}}}");
    Files.writeString(
        dir.resolve("users.json"),
        "{\"users\": {\"bob\": {\"roles\": [\"r\"], \"password\":"
            + " \"$7$101$vVgynrO8HnGkBmnG$FJxeWV8gmD95Z1O+OO86iM5IJVtyoheQin+iLUkFThEXGZSn8xjh63nawvo4lY3MjXKetDAzvXxALr2F1sQLWw==\"}}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out())
        .contains("warning: users.json: /users/bob/password: ")
        .contains("1 warnings");
  }

  @Test
  void brokenJson_isReportedWithLine_exit1() throws Exception {
    Files.writeString(dir.resolve("acl.json"), "{\"roles\": {\n}}}");

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("error: acl.json: ").contains("invalid JSON").contains("line 2");
  }

  @Test
  void missingDirectory_exits2WithOneMessage() {
    Cli.Result r = Cli.run("check", "--config", dir.resolve("nope").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: configuration directory not found: " + dir.resolve("nope"));
  }

  @Test
  void missingFlag_exits2() {
    Cli.Result r = Cli.run("check");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--config=DIR'");
  }
}
