package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPkiTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void generate_serverCertificateForLocalhostIsSignedByTheDemoCa() throws Exception {
    DemoPki.PkiFiles f = DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom());

    KeyStore server = load(f.serverKeystore());
    KeyStore trust = load(f.truststore());
    X509Certificate leaf = (X509Certificate) server.getCertificate("server");
    X509Certificate ca = (X509Certificate) trust.getCertificate("demo-ca");
    leaf.verify(ca.getPublicKey());
    leaf.checkValidity();
    List<String> sans =
        leaf.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList();
    assertThat(sans).containsExactlyInAnyOrder("localhost", "127.0.0.1");
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo(DemoPki.CA_DN);
    assertThat(server.getKey("server", DemoPki.STORE_PASSWORD.toCharArray())).isNotNull();
  }

  @Test
  void generate_writesPemFilesForMosquittoClients_andNoCaKey() throws Exception {
    DemoPki.PkiFiles f = DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom());

    assertThat(Files.readString(f.clientKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(f.clientCert())).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(Files.readString(f.caPem())).startsWith("-----BEGIN CERTIFICATE-----\n");
    try (var files = Files.list(dir.resolve("tls"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "ca.pem", "server.p12", "truststore.p12", "client.pem", "client.key");
    }
  }

  @Test
  void generate_intoAFolderThatHasTheFiles_replacesNone() throws Exception {
    DemoPki.PkiFiles f = DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom());
    byte[] ca = Files.readAllBytes(f.caPem());
    byte[] server = Files.readAllBytes(f.serverKeystore());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("already exists");

    assertThat(Files.readAllBytes(f.caPem())).isEqualTo(ca);
    assertThat(Files.readAllBytes(f.serverKeystore())).isEqualTo(server);
  }

  @Test
  void generate_neverRegistersBouncyCastleAsProvider() {
    var unused = DemoPki.generate(dir, Clock.systemUTC(), new SecureRandom());

    List<String> names = Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList();
    assertThat(names).doesNotContain("BC");
  }

  private static KeyStore load(Path p) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p)) {
      ks.load(in, DemoPki.STORE_PASSWORD.toCharArray());
    }
    return ks;
  }
}
