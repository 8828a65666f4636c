package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.JsonConfigReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example configuration loads in the core and its documented credentials work. */
class QuickstartExampleTest {
  static final Path QUICKSTART =
      Path.of(System.getProperty("mqttguard.repo", "..")).resolve("examples/quickstart");

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void demoPasswords_printedByServe_matchTheExampleHashes() throws Exception {
    byte[] users = Files.readAllBytes(QUICKSTART.resolve("users.json"));
    for (DemoUsers.Demo d : DemoUsers.PASSWORD_USERS) {
      assertThat(AuthCheck.accepts(users, roles(), d.username(), d.username(), d.password()))
          .as(d.username())
          .isTrue();
    }
  }

  @Test
  void demoClientCertificate_mapsToItsCommonNameWithRoleSensor() throws Exception {
    DemoPki.PkiFiles pki = DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom());
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(pki.clientCert())) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    Authenticator auth =
        Authenticator.create(
            new AuthConfig(
                UsersConfig.load(QUICKSTART.resolve("users.json"), roles()),
                AuthSettings.load(QUICKSTART.resolve("guard.json"), roles(), Clock.systemUTC())),
            Runnable::run,
            AuditSink.discarding(),
            Clock.systemUTC(),
            new SecureRandom());

    AuthResult result =
        auth.authenticate(
                new ConnectRequest(
                    DemoPki.CLIENT_CN,
                    null,
                    null,
                    "tls",
                    "127.0.0.1",
                    new TlsFacts("TLSv1.3", null, List.of(cert)),
                    5))
            .get();

    assertThat(result).isInstanceOf(AuthResult.Accepted.class);
    var identity = ((AuthResult.Accepted) result).identity();
    assertThat(identity.username()).isEqualTo(DemoPki.CLIENT_CN);
    assertThat(identity.roles()).containsExactly("sensor");
  }

  static Set<String> roles() throws Exception {
    JsonNode acl = new JsonConfigReader().read(QUICKSTART.resolve("acl.json"), "acl-1.json");
    Set<String> names = new HashSet<>();
    acl.get("roles").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
