package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  static final Path Q = QuickstartExampleTest.QUICKSTART;

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void quickstartCases_allPass() {
    Cli.Result r =
        Cli.run("test", "--config", Q.toString(), Q.resolve("tests/policy-tests.json").toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("14 passed, 0 failed\n");
  }

  @Test
  void failingCases_arePrintedWithExplanation_exit1() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases,
        "{\"cases\": ["
            + "{\"name\": \"wrong expectation\", \"username\": \"sensor-1\", \"clientId\":"
            + " \"sensor-1\", \"action\": \"publish\", \"topic\": \"sensors/sensor-2/t\","
            + " \"expect\": \"allow\"},"
            + "{\"name\": \"right\", \"roles\": [\"operator\"], \"action\": \"subscribe\","
            + " \"topic\": \"sensors/#\", \"expect\": \"allow\"},"
            + "{\"name\": \"password should work\", \"action\": \"connect\", \"listener\":"
            + " \"tcp\", \"username\": \"alice\", \"clientId\": \"alice\", \"password\":"
            + " \"not-it\", \"expect\": \"allow\"}"
            + "]}");

    Cli.Result r = Cli.run("test", "--config", Q.toString(), cases.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL cases.json /cases/0 'wrong expectation': expected ALLOW, but DENY")
        .contains("    sensor[0]: ")
        .contains(
            "FAIL cases.json /cases/2 'password should work': expected ALLOW, but DENY:"
                + " BAD_USER_NAME_OR_PASSWORD")
        .doesNotContain("not-it")
        .endsWith("1 passed, 2 failed\n");
  }

  @Test
  void plaintextPasswordOnATlsOnlyListener_isRefused() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases,
        "{\"cases\": [{\"action\": \"connect\", \"listener\": \"somewhere-else\", \"username\":"
            + " \"alice\", \"clientId\": \"alice\", \"password\": \"alice-demo-pw\", \"expect\":"
            + " \"deny\"}]}");

    Cli.Result r = Cli.run("test", "--config", Q.toString(), cases.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("1 passed, 0 failed\n");
  }

  @Test
  void connectWithCertificate_goesThroughTheRealMappingRules() throws Exception {
    var unused =
        DemoPki.generate(dir, java.time.Clock.systemUTC(), new java.security.SecureRandom());
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases,
        "{\"cases\": ["
            + "{\"name\": \"device certificate\", \"action\": \"connect\", \"listener\": \"tls\","
            + " \"clientId\": \"demo-device\", \"certificate\": \"tls/client.pem\", \"expect\":"
            + " \"allow\"},"
            + "{\"name\": \"certificate does not allow another client ID\", \"action\":"
            + " \"connect\", \"listener\": \"tls\", \"clientId\": \"sensor-1\", \"certificate\":"
            + " \"tls/client.pem\", \"expect\": \"deny\"},"
            + "{\"name\": \"password over TLS\", \"action\": \"connect\", \"listener\": \"tls\","
            + " \"tls\": true, \"username\": \"alice\", \"clientId\": \"alice\", \"password\":"
            + " \"alice-demo-pw\", \"expect\": \"allow\"}"
            + "]}");

    Cli.Result r = Cli.run("test", "--config", Q.toString(), cases.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("3 passed, 0 failed\n");
  }

  @Test
  void invalidCasesFile_exits2WithPointer() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(cases, "{\"cases\": [{\"action\": \"fly\", \"expect\": \"allow\"}]}");

    Cli.Result r = Cli.run("test", "--config", Q.toString(), cases.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: cases.json: /cases/0/action: ");
  }

  @Test
  void missingCasesFile_exits2() {
    Cli.Result r = Cli.run("test", "--config", Q.toString(), dir.resolve("none.json").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("none.json").doesNotContain("Exception");
  }

  @Test
  void noCasesGiven_exits2() {
    Cli.Result r = Cli.run("test", "--config", Q.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("CASES.json");
  }
}
