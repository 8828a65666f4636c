package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  static final String Q = QuickstartExampleTest.QUICKSTART.toString();

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void allowed_printsDecidingRuleWithPointer_exit0() {
    Cli.Result r =
        Cli.run("explain", "-c", Q, "-u", "sensor-1", "-a", "publish", "-t", "sensors/sensor-1/t");

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out())
        .startsWith("client sensor-1 as sensor-1, roles [sensor]\nALLOW (ALLOW_RULE)")
        .contains("deciding rule: sensor[0] at acl.json /roles/sensor/rules/0");
  }

  @Test
  void denied_printsTheTrace_exit1() {
    Cli.Result r =
        Cli.run("explain", "-c", Q, "-u", "alice", "-a", "subscribe", "-t", "firmware/#");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("DENY (DENY_RULE)")
        .contains("  operator[2]: ")
        .contains("deciding rule: operator[2]");
  }

  @Test
  void qosAndRetain_areTakenIntoAccount() {
    Cli.Result r =
        Cli.run("explain", "-c", Q, "-u", "alice", "-a", "publish", "-t", "commands/x", "--retain");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("CONSTRAINT_VIOLATED");
  }

  @Test
  void certificate_isMappedByTheRealRules() {
    DemoPki.PkiFiles pki = DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom());

    Cli.Result r =
        Cli.run(
            "explain",
            "-c",
            Q,
            "--cert",
            pki.clientCert().toString(),
            "-i",
            "demo-device",
            "-a",
            "publish",
            "-t",
            "sensors/demo-device/t");

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).startsWith("client demo-device as demo-device, roles [sensor]");
  }

  @Test
  void noUsername_isAnonymous() {
    Cli.Result r = Cli.run("explain", "-c", Q, "-a", "receive", "-t", "sensors/x/y");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("client explain (anonymous), roles []");
  }

  @Test
  void unknownUser_exits2() {
    Cli.Result r = Cli.run("explain", "-c", Q, "-u", "mallory", "-a", "receive", "-t", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: user 'mallory' is not in users.json");
  }

  @Test
  void invalidAclFile_exits2WithFileAndPointer() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("acl.json"), "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"maybe\"}]}}}");

    Cli.Result r = Cli.run("explain", "-c", dir.toString(), "-a", "publish", "-t", "a", "-i", "c1");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("acl.json: /roles/r/rules/0").doesNotContain("Exception");
  }

  @Test
  void badAction_exits2() {
    Cli.Result r = Cli.run("explain", "-c", Q, "-u", "alice", "-a", "delete", "-t", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--action must be publish, subscribe or receive");
  }

  @Test
  void notACertificate_exits2() {
    Cli.Result r =
        Cli.run(
            "explain",
            "-c",
            Q,
            "--cert",
            QuickstartExampleTest.QUICKSTART.resolve("acl.json").toString(),
            "-a",
            "receive",
            "-t",
            "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a certificate");
  }
}
