package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate revocation lists under reload: a new CRL revokes live clients; a broken one is kept
 * out.
 */
class CrlReloadTest {
  static final String USERS =
      """
      {"certificates": [{"name": "devices", "match": {"issuer": "CN=Test CA,O=Acme"},
                         "username": "${cert.cn}", "roles": ["sensor"]}]}
      """;
  static final String GUARD =
      """
      {"defaultListener": {"authentication": "certificate"},
       "revocation": {"crlFiles": ["ca.crl"]}}
      """;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @SuppressWarnings("NullAway.Init")
  TestCertificates pki;

  @SuppressWarnings("NullAway.Init")
  X509Certificate device1;

  @SuppressWarnings("NullAway.Init")
  X509Certificate stolen;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
    pki = new TestCertificates("CN=Test CA,O=Acme", c.clock.instant());
    device1 = leafFor30Days("CN=device-1");
    stolen = leafFor30Days("CN=stolen");
    c.write("users.json", USERS);
    c.write("guard.json", GUARD);
    c.write("ca.crl", pki.crlPem(stolen));
  }

  /** A leaf valid from a day before the test's start until 30 days after it. */
  X509Certificate leafFor30Days(String subjectDn) throws Exception {
    return pki.leaf(
        subjectDn, pki.now.minus(Duration.ofDays(1)), pki.now.plus(Duration.ofDays(30)));
  }

  ConnectRequest tls(String clientId, X509Certificate leaf) {
    return new ConnectRequest(
        clientId,
        null,
        null,
        "tls",
        "127.0.0.1",
        new TlsFacts("TLSv1.3", null, pki.chain(leaf)),
        5);
  }

  @Test
  void newCrl_revokingALiveClient_revokesItsSession() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession dev = session(connect(g, tls("device-1", device1)));
      assertThat(connect(g, tls("stolen", stolen))).isInstanceOf(ConnectOutcome.Rejected.class);
      c.write("ca.crl", pki.crlPem(stolen, device1));
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isEqualTo(1));
      assertThat(dev.revoked()).isTrue();
      assertThat(c.revoked).containsExactly("device-1");
      assertThat(connect(g, tls("device-1", device1))).isInstanceOf(ConnectOutcome.Rejected.class);
    }
  }

  @Test
  void crlThatFailsToParse_keepsLastGoodCrl_reportedOnce() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession dev = session(connect(g, tls("device-1", device1)));
      String good = Files.readString(tmp.resolve("ca.crl"));
      c.write("ca.crl", good.substring(0, good.length() / 2));
      ReloadOutcome first = g.reload();
      ReloadOutcome again = g.reload();
      assertThat(first)
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class,
              r -> {
                assertThat(r.reported()).isTrue();
                assertThat(r.problems().getMessage()).contains("crl");
              });
      assertThat(again)
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class, r -> assertThat(r.reported()).isFalse());
      assertThat(c.events("reload")).hasSize(1);
      assertThat(g.snapshot().generation()).isEqualTo(1);
      assertThat(dev.revoked()).isFalse();
      // The old CRL is still enforced.
      assertThat(connect(g, tls("stolen", stolen))).isInstanceOf(ConnectOutcome.Rejected.class);
      // Fixing the CRL is picked up by the next check.
      c.write("ca.crl", pki.crlPem(stolen, device1));
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(dev.revoked()).isTrue();
    }
  }

  /** CRL files that fail to parse, each as a name and the bytes written over the good CRL. */
  static Stream<Arguments> unparseableCrls() {
    byte[] random = new byte[700];
    new java.util.Random(8).nextBytes(random);
    return Stream.of(
        Arguments.of("empty", new byte[0]),
        Arguments.of("text", "this is not a CRL\n".getBytes(StandardCharsets.US_ASCII)),
        Arguments.of(
            "PEM armour around garbage",
            "-----BEGIN X509 CRL-----\nAAAAbm90IGEgY3Js\n-----END X509 CRL-----\n"
                .getBytes(StandardCharsets.US_ASCII)),
        Arguments.of("random DER-looking bytes", random),
        Arguments.of(
            "DER SEQUENCE with a wrong length",
            new byte[] {0x30, (byte) 0x82, 0x7f, (byte) 0xff, 0x30, 0x03, 0x02, 0x01, 0x01}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparseableCrls")
  void unparseableCrl_keepsLastGoodCrl_reportedOnceWithFileAndPointer(String kind, byte[] content)
      throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession dev = session(connect(g, tls("device-1", device1)));
      Files.write(tmp.resolve("ca.crl"), content);
      ReloadOutcome first = g.reload();
      ReloadOutcome again = g.reload();
      assertThat(first)
          .as(kind)
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class,
              r -> {
                assertThat(r.reported()).isTrue();
                assertThat(r.problems().problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.file()).contains("guard.json");
                          assertThat(p.pointer()).isEqualTo("/revocation/crlFiles/0");
                          assertThat(p.message()).contains("ca.crl").containsIgnoringCase("crl");
                        });
              });
      assertThat(again)
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class, r -> assertThat(r.reported()).isFalse());
      assertThat(c.events("reload"))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo("error"));
      assertThat(g.metrics().count(GuardMetric.RELOAD_FAILURE)).isEqualTo(1);
      assertThat(g.snapshot().generation()).isEqualTo(1);
      assertThat(dev.revoked()).isFalse();
      // The last good CRL is still enforced, for new and for existing clients.
      assertThat(connect(g, tls("stolen", stolen))).isInstanceOf(ConnectOutcome.Rejected.class);
      assertThat(connect(g, tls("device-1b", device1))).isInstanceOf(ConnectOutcome.Accepted.class);
      assertThat(dev.publish("sensors/device-1/t", 0, false, 1).allowed()).isTrue();
      assertThat(dev.revoked()).isFalse();
    }
  }

  @Test
  void certificateExpiry_revokesTheLiveSessionAtThePeriodicCheck() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession dev = session(connect(g, tls("device-1", device1)));
      DefaultGuard guard = (DefaultGuard) g;
      assertThat(guard.recheckExpiredCertificates()).isZero();
      c.clock.advance(Duration.ofDays(29));
      assertThat(guard.recheckExpiredCertificates()).isZero();
      assertThat(dev.revoked()).isFalse();
      c.clock.advance(Duration.ofDays(2));
      assertThat(guard.recheckExpiredCertificates()).isEqualTo(1);
      assertThat(dev.revoked()).isTrue();
      assertThat(c.revoked).containsExactly("device-1");
      assertThat(guard.recheckExpiredCertificates()).isZero();
    }
  }

  @Test
  void crlDeleted_keepsLastGood() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      Files.delete(tmp.resolve("ca.crl"));
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Rejected.class);
      assertThat(connect(g, tls("stolen", stolen))).isInstanceOf(ConnectOutcome.Rejected.class);
      assertThat(connect(g, tls("device-1", device1))).isInstanceOf(ConnectOutcome.Accepted.class);
    }
  }
}
