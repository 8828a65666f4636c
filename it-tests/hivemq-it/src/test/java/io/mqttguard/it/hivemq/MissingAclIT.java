package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No acl.json in the extension's conf/: the extension refuses to start, saying so in one line. */
class MissingAclIT {
  @Test
  void missingAcl_extensionDoesNotStart_oneLogLineNamesTheProblemAndTheFix(@TempDir Path tmp)
      throws Exception {
    GuardBroker broker =
        GuardBroker.start(
            tmp.resolve("broker"),
            new TestPki(tmp.resolve("pki")),
            Map.of("users.json", "{\"users\": {}}"));
    try {
      List<String> lines = broker.logLinesWithLevel();
      List<String> aboutAcl = lines.stream().filter(l -> l.contains("acl.json")).toList();
      assertThat(aboutAcl).as(String.join("\n", lines)).hasSize(1);
      assertThat(aboutAcl.get(0))
          .doesNotContain("\n")
          .startsWith("ERROR MQTT Guard: invalid configuration in ")
          .contains(": acl.json: (document): file not found in ")
          .endsWith(
              ": MQTT Guard never runs without an ACL (there is no allow-all default);"
                  + " create it (docs/acl.md; examples/quickstart/acl.json is a start)");
      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("INFO Startup of extension with id \"mqtt-guard\" was prevented")
                      .contains("(logged at ERROR before)"));
    } finally {
      broker.close();
    }
  }
}
