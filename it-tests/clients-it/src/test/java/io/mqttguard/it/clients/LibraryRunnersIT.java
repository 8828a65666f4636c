package io.mqttguard.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each device library's own tests ({@code clients/<lang>/run-tests}: unit tests and every vector
 * and must-not-open case of docs/payload-vectors.json) pass, run as a process from this build.
 */
class LibraryRunnersIT {
  static List<String> libraries() {
    return Implementations.libraries();
  }

  @ParameterizedTest(name = "clients/{0}/run-tests")
  @MethodSource("libraries")
  void libraryTests_passInTheirOwnRunner(String lang) throws Exception {
    var runTests = Implementations.executable("clients/" + lang + "/run-tests");
    // MQTTGUARD_NO_JAVA: the C tests then open their tool's output with the C opener only; the
    // Java CLI and opener open every library's output in CrossImplementationIT (one JVM per call
    // is the slow part of this module)
    Processes.Result r =
        Processes.run(
            List.of(runTests.toString()),
            new byte[0],
            Duration.ofMinutes(20),
            true,
            Map.of("MQTTGUARD_NO_JAVA", "1"));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }
}
