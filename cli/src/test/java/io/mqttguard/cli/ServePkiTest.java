package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} and the operator's PKI in {@code CONFIG/tls/}: existing files are used and never
 * modified or deleted, a half-present PKI is an error naming what is missing (exit 2), PEM and
 * PKCS#12 (with a password from a file) are accepted.
 */
class ServePkiTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void serve_existingPki_isUsed_andNoFileInTlsIsModifiedOrDeleted() throws Exception {
    assumeTrue(HiveMqServer.bundled(), "the broker is bundled by 'package' builds");
    Path config = ServeRun.copyQuickstart(dir);
    var unused = DemoPki.generate(config, Clock.systemUTC(), new SecureRandom());
    Path tls = config.resolve("tls");
    Map<String, String> before = fingerprints(tls);

    try (ServeRun serve = ServeRun.start(config, "hivemq")) {
      assertThat(serve.out())
          .as(serve.toString())
          .contains("TLS: PKCS#12 server.p12 in " + tls)
          .doesNotContain("generated a demo PKI");
    }

    assertThat(fingerprints(tls)).isEqualTo(before);
  }

  @Test
  void serve_halfPresentPemPki_exits2NamingTheMissingKey_andChangesNothing() throws Exception {
    Path config = ServeRun.copyQuickstart(dir);
    Path tls = Files.createDirectories(config.resolve("tls"));
    Path demo = Files.createDirectories(dir.resolve("elsewhere"));
    var unused = DemoPki.generate(demo, Clock.systemUTC(), new SecureRandom());
    Files.copy(demo.resolve("tls/ca.pem"), tls.resolve("server.pem"));
    Map<String, String> before = fingerprints(tls);

    Cli.Result r = serve(config);

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("incomplete PKI").contains(tls.resolve("server.key").toString());
    assertThat(r.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
    assertThat(fingerprints(tls)).isEqualTo(before);
  }

  @Test
  void serve_caPemWithoutServerCertificate_exits2_andKeepsCaPem() throws Exception {
    Path config = ServeRun.copyQuickstart(dir);
    Path tls = Files.createDirectories(config.resolve("tls"));
    Files.writeString(tls.resolve("ca.pem"), "operator's CA, not to be touched\n");
    Map<String, String> before = fingerprints(tls);

    Cli.Result r = serve(config);

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("no server certificate").contains("server.p12");
    assertThat(fingerprints(tls)).isEqualTo(before);
  }

  @Test
  void prepare_pemChainAndKey_becomeTheServerKeyStore() throws Exception {
    Path demo = Files.createDirectories(dir.resolve("demo"));
    DemoPki.PkiFiles f = DemoPki.generate(demo, Clock.systemUTC(), new SecureRandom());
    KeyStore p12 = load(f.serverKeystore(), DemoPki.STORE_PASSWORD.toCharArray());
    Path config = Files.createDirectories(dir.resolve("config"));
    Path tls = Files.createDirectories(config.resolve("tls"));
    X509Certificate leaf = (X509Certificate) p12.getCertificate("server");
    Files.write(tls.resolve("server.pem"), DemoPki.pem("CERTIFICATE", leaf.getEncoded()));
    PrivateKey key = (PrivateKey) p12.getKey("server", DemoPki.STORE_PASSWORD.toCharArray());
    Files.write(tls.resolve("server.key"), DemoPki.pem("PRIVATE KEY", key.getEncoded()));
    Map<String, String> before = fingerprints(tls);
    Path work = Files.createDirectories(dir.resolve("work"));

    ServePki.ServerTls served = ServePki.prepare(config, null, work, io());

    KeyStore ks = load(served.keystore(), served.password().toCharArray());
    assertThat(ks.getCertificate("server")).isEqualTo(leaf);
    assertThat(served.truststore()).as("no ca.pem: no client certificates").isNull();
    assertThat(served.source()).isEqualTo("PEM server.pem + server.key");
    assertThat(fingerprints(tls)).isEqualTo(before);
  }

  @Test
  void prepare_pkcs12WithOperatorPassword_needsThePasswordFromItsFile() throws Exception {
    Path demo = Files.createDirectories(dir.resolve("demo"));
    DemoPki.PkiFiles f = DemoPki.generate(demo, Clock.systemUTC(), new SecureRandom());
    KeyStore p12 = load(f.serverKeystore(), DemoPki.STORE_PASSWORD.toCharArray());
    char[] operatorPw = "operator-p12-pw".toCharArray();
    KeyStore mine = KeyStore.getInstance("PKCS12");
    mine.load(null, null);
    mine.setKeyEntry(
        "srv",
        p12.getKey("server", DemoPki.STORE_PASSWORD.toCharArray()),
        operatorPw,
        p12.getCertificateChain("server"));
    Path config = Files.createDirectories(dir.resolve("config"));
    Path tls = Files.createDirectories(config.resolve("tls"));
    try (OutputStream out = Files.newOutputStream(tls.resolve("server.p12"))) {
      mine.store(out, operatorPw);
    }
    Path pwFile = Files.writeString(dir.resolve("p12.pw"), "operator-p12-pw\n");
    Path work = Files.createDirectories(dir.resolve("work"));

    assertThatThrownBy(() -> ServePki.prepare(config, null, work, io()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--tls-password-file")
        .hasMessageNotContaining("operator-p12-pw");
    ServePki.ServerTls served =
        ServePki.prepare(config, ServePki.password(pwFile, null), work, io());

    Certificate[] chain =
        load(served.keystore(), served.password().toCharArray()).getCertificateChain("server");
    assertThat(chain).containsExactly(p12.getCertificateChain("server"));
    assertThat(served.toString()).doesNotContain(served.password());
  }

  private Cli.Result serve(Path config) throws Exception {
    return Cli.run(
        "serve",
        "--config",
        config.toString(),
        "--port",
        String.valueOf(ServeRun.freePort()),
        "--tls-port",
        String.valueOf(ServeRun.freePort()));
  }

  /** File name → SHA-256 and modification time of every file in {@code tls}. */
  private static Map<String, String> fingerprints(Path tls) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(tls)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(
            p.getFileName().toString(),
            HexFormat.of().formatHex(hash) + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  private static KeyStore load(Path p, char[] pw) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p)) {
      ks.load(in, pw);
    }
    return ks;
  }

  private static Io io() {
    return new Io(
        InputStream.nullInputStream(),
        OutputStream.nullOutputStream(),
        new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()),
        null,
        Clock.systemUTC(),
        new SecureRandom());
  }
}
