package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mqttguard.identity.CertificateFields;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;

/**
 * Fuzz target for certificate-to-identity mapping (issue 8: "certificate mapping input (DER)").
 * Whatever DER the JDK accepts as an X.509 certificate (what a TLS layer would hand us), the
 * authenticator's future completes normally, and an acceptance always carries a safe identity: a
 * username without topic or control characters, the fingerprint of exactly this certificate, a
 * certificate valid at the clock, and for the issuer rule the configured issuer. Seeds (checked-in
 * inputs) are real certificates of a test CA, so mutations explore names, SANs and extensions.
 */
class CertificateDerFuzzTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final X500Principal ISSUER = new X500Principal("CN=Fuzz CA,O=Acme");
  static final String USERS =
      """
      {"certificates": [
        {"name": "by-issuer",
         "match": {"issuer": "CN=Fuzz CA,O=Acme", "subjectFields": {"OU": "sensors"}},
         "username": "${cert.cn}", "roles": ["r"]},
        {"name": "by-dns", "match": {"san": {"dns": "*.devices.example"}},
         "username": "${cert.san.dns}", "roles": ["r"]},
        {"name": "by-uri", "match": {"san": {"uri": "urn:*"}},
         "username": "${cert.san.uri}", "roles": ["r"]},
        {"name": "by-email", "match": {"san": {"email": "*@example.com"}},
         "username": "${cert.san.email}", "roles": ["r"]}
      ]}
      """;
  static final Authenticator AUTH = authenticator();

  private static Authenticator authenticator() {
    try {
      return Authenticator.create(
          new AuthConfig(
              UsersConfig.parse("users.json", USERS.getBytes(UTF_8), Set.of("r")),
              AuthSettings.parse(
                  "guard.json",
                  "{\"defaultListener\": {\"authentication\": \"certificate\"}}".getBytes(UTF_8),
                  Path.of("."),
                  Set.of("r"),
                  CLOCK)),
          Runnable::run,
          e -> {},
          CLOCK,
          new SecureRandom());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyDer_authenticateCompletes_andAcceptsOnlySafeIdentities(byte[] der) throws Exception {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException notACertificate) {
      return; // the TLS layer would never hand this over: nothing of ours to test
    }
    ConnectRequest r =
        new ConnectRequest(
            "c-1", null, null, "tls", "192.0.2.1", new TlsFacts("TLSv1.3", null, List.of(cert)), 5);
    AuthResult result = AUTH.authenticate(r).orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(result).isNotNull();
    if (result instanceof AuthResult.Accepted a) {
      AUTH.onDisconnected(a.identity(), java.time.Duration.ZERO);
      String username = java.util.Objects.requireNonNull(a.identity().username(), "username");
      assertThat(username).isNotEmpty().doesNotContain("+", "#", "/", "\u0000");
      assertThat(username.chars().noneMatch(Character::isISOControl)).isTrue();
      CertificateFields f =
          java.util.Objects.requireNonNull(a.identity().certificate(), "certificate fields");
      String fingerprint =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
      assertThat(f.sha256Fingerprint()).isEqualToIgnoringCase(fingerprint);
      cert.checkValidity(Date.from(CLOCK.instant())); // throws if an expired cert was accepted
      if (a.decidedBy().equals("certificate:by-issuer")) {
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ISSUER);
      }
    }
  }
}
