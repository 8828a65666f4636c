package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory without acl.json: every command says so in one actionable line. */
class MissingAclTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  private String expected() {
    return "error: acl.json: (document): file not found in "
        + dir.toAbsolutePath()
        + ": MQTT Guard never runs without an ACL (there is no allow-all default);"
        + " create it (docs/acl.md; examples/quickstart/acl.json is a start)\n";
  }

  @BeforeEach
  void usersButNoAcl() throws Exception {
    Files.writeString(
        dir.resolve("users.json"), "{\"users\": {\"bob\": {\"roles\": [\"reader\"]}}}");
  }

  @Test
  void check_oneErrorLineThenTheSummary_exit1() {
    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(expected() + "1 errors, 0 warnings\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void serve_oneErrorLine_exit2_nothingStarted() throws Exception {
    Cli.Result r =
        Cli.run(
            "serve",
            "--config",
            dir.toString(),
            "--broker",
            "moquette",
            "--port",
            String.valueOf(ServeRun.freePort()),
            "--tls-port",
            String.valueOf(ServeRun.freePort()));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(expected());
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("tls")).doesNotExist();
  }

  @Test
  void test_oneErrorLine_exit2() throws Exception {
    Path cases = Files.writeString(dir.resolve("cases.json"), "{\"cases\": []}");

    Cli.Result r = Cli.run("test", "--config", dir.toString(), cases.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(expected());
  }

  @Test
  void explain_oneErrorLine_exit2() {
    Cli.Result r =
        Cli.run("explain", "--config", dir.toString(), "-u", "bob", "-a", "publish", "-t", "a");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(expected());
  }
}
