package io.mqttguard.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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
    Processes.Result r =
        Processes.run(List.of(runTests.toString()), new byte[0], Duration.ofMinutes(20), true);
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }
}
