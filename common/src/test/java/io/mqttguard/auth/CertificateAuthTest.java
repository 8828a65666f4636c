package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import io.mqttguard.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.GeneralName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthTest {
  static final Set<String> ROLES = Set.of("operator", "sensor", "gateway", "vip");
  static final SecureRandom RANDOM = new SecureRandom();
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final String DEVICE_PW_HASH =
      PasswordHasher.argon2id(64, 1, 1, RANDOM).hash("device-pw".getBytes(UTF_8));

  final MutableClock clock = new MutableClock(NOW);
  Path dir;
  TestCertificates pki;
  TestCertificates otherPki;
  X509Certificate device42;
  X509Certificate gateway;
  X509Certificate expired;
  X509Certificate revoked;

  @BeforeEach
  void pki(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    pki = new TestCertificates("CN=Factory Devices CA,O=Acme", NOW);
    otherPki = new TestCertificates("CN=Other CA,O=Elsewhere", NOW);
    device42 = pki.leaf("CN=device-42,OU=sensors,O=Acme");
    gateway =
        pki.leaf(
            "CN=gw,OU=gateways,O=Acme",
            new GeneralName(GeneralName.dNSName, "gw-1.devices.acme.test"),
            new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://acme/gw-1"),
            new GeneralName(GeneralName.iPAddress, "10.1.2.3"));
    expired =
        pki.leaf(
            "CN=old-device,OU=sensors,O=Acme",
            NOW.minus(Duration.ofDays(60)),
            NOW.minus(Duration.ofDays(1)));
    revoked = pki.leaf("CN=stolen,OU=sensors,O=Acme");
    Files.writeString(dir.resolve("acme.pem.crl"), TestCertificates.pem(pki.crl(List.of(revoked))));
  }

  String users() {
    return """
        {"users": {"device-42": {"password": "%s", "roles": ["vip"]}},
         "certificates": [
          {"name": "gateways-by-san",
           "match": {"issuer": "cn=factory devices ca,  o=ACME", "san": {"dns": "*.devices.acme.test"}},
           "username": "${cert.san.dns}", "roles": ["gateway"]},
          {"name": "acme-sensors",
           "match": {"issuer": "CN=Factory Devices CA, O=Acme", "subjectFields": {"OU": "sensors"}},
           "username": "${cert.cn}", "roles": ["sensor"], "clientIds": ["${cert.cn}", "${cert.cn}-*"],
           "attributes": {"fleet": "acme"}}
         ]}
        """
        .formatted(DEVICE_PW_HASH);
  }

  Authenticator authenticator(String mode) throws Exception {
    return authenticator(mode, users());
  }

  Authenticator authenticator(String mode, String users) throws Exception {
    String guard =
        """
        {"defaultListener": {"authentication": "%s"},
         "revocation": {"crlFiles": ["acme.pem.crl"]}}
        """
            .formatted(mode);
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", users.getBytes(UTF_8), ROLES),
            AuthSettings.parse("guard.json", guard.getBytes(UTF_8), dir, ROLES, clock));
    return Authenticator.create(config, Runnable::run, e -> {}, clock, RANDOM);
  }

  ConnectRequest tls(
      String clientId, @Nullable String user, @Nullable String pw, List<X509Certificate> chain) {
    return new ConnectRequest(
        clientId,
        user,
        pw == null ? null : pw.getBytes(UTF_8),
        "tls",
        "198.51.100.1",
        new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384", chain),
        5);
  }

  static AuthResult run(Authenticator a, ConnectRequest r) {
    return a.authenticate(r).join();
  }

  static ClientIdentity accepted(AuthResult r) {
    assertThat(r).isInstanceOf(AuthResult.Accepted.class);
    return ((AuthResult.Accepted) r).identity();
  }

  static AuthResult.Rejected rejected(AuthResult r) {
    assertThat(r).isInstanceOf(AuthResult.Rejected.class);
    return (AuthResult.Rejected) r;
  }

  @Test
  void certificateMode_subjectFieldRule_mapsCnToUsername_structuralIssuerMatch() throws Exception {
    AuthResult r =
        run(authenticator("certificate"), tls("device-42", null, null, pki.chain(device42)));
    ClientIdentity id = accepted(r);
    assertThat(id.username()).isEqualTo("device-42");
    assertThat(id.roles()).containsExactly("sensor");
    assertThat(id.attributes()).containsEntry("fleet", "acme");
    assertThat(java.util.Objects.requireNonNull(id.certificate()).commonName())
        .isEqualTo("device-42");
    assertThat(((AuthResult.Accepted) r).decidedBy()).isEqualTo("certificate:acme-sensors");
    assertThat(((AuthResult.Accepted) r).factors()).isEqualTo(AuthResult.Factors.CERTIFICATE);
    assertThat(((AuthResult.Accepted) r).passwordCheck()).isEqualTo(AuthResult.PasswordCheck.NONE);
  }

  @Test
  void certificateMode_sanRule_firstMatchWins_andYieldsSanUsername() throws Exception {
    ClientIdentity id =
        accepted(run(authenticator("certificate"), tls("any", null, null, pki.chain(gateway))));
    assertThat(id.username()).isEqualTo("gw-1.devices.acme.test");
    assertThat(id.roles()).containsExactly("gateway");
    var cert = java.util.Objects.requireNonNull(id.certificate());
    assertThat(cert.uris()).containsExactly("spiffe://acme/gw-1");
    assertThat(cert.ipAddresses()).containsExactly("10.1.2.3");
  }

  @Test
  void certificateMode_clientIdBoundToCn() throws Exception {
    Authenticator a = authenticator("certificate");
    assertThat(run(a, tls("device-42-backup", null, null, pki.chain(device42))).accepted())
        .isTrue();
    assertThat(rejected(run(a, tls("device-43", null, null, pki.chain(device42)))).reason())
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void certificateMode_expiredCertificate_isRejectedEvenIfTlsAcceptedIt() throws Exception {
    AuthResult.Rejected r =
        rejected(
            run(authenticator("certificate"), tls("old-device", null, null, pki.chain(expired))));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail()).contains("expired");
  }

  @Test
  void certificateMode_revokedByPemCrl_isRejected() throws Exception {
    AuthResult.Rejected r =
        rejected(run(authenticator("certificate"), tls("stolen", null, null, pki.chain(revoked))));
    assertThat(r.auditDetail()).contains("revoked");
  }

  @Test
  void revocation_derCrlFile_isAlsoRead() throws Exception {
    Files.write(dir.resolve("acme.pem.crl"), pki.crl(List.of(device42)).getEncoded());
    AuthResult.Rejected r =
        rejected(
            run(authenticator("certificate"), tls("device-42", null, null, pki.chain(device42))));
    assertThat(r.auditDetail()).contains("revoked");
  }

  @Test
  void certificateMode_otherIssuer_noRuleMatches_isNotAuthorized() throws Exception {
    X509Certificate foreign = otherPki.leaf("CN=device-42,OU=sensors,O=Acme");
    AuthResult.Rejected r =
        rejected(
            run(
                authenticator("certificate"),
                tls("device-42", null, null, otherPki.chain(foreign))));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail()).contains("no certificate mapping rule");
  }

  @Test
  void certificateMode_withoutCertificate_isNotAuthorized() throws Exception {
    assertThat(
            rejected(run(authenticator("certificate"), tls("x", null, null, List.of()))).reason())
        .isEqualTo(RejectReason.NOT_AUTHORIZED);
  }

  @Test
  void certificateOrPassword_eitherCredentialWorks() throws Exception {
    Authenticator a = authenticator("certificate-or-password");
    assertThat(accepted(run(a, tls("device-42", null, null, pki.chain(device42)))).roles())
        .containsExactly("sensor");
    assertThat(accepted(run(a, tls("pw-client", "device-42", "device-pw", List.of()))).roles())
        .containsExactly("vip");
  }

  @Test
  void certificateAndPassword_needsBothForTheSameIdentity() throws Exception {
    Authenticator a = authenticator("certificate-and-password");
    ClientIdentity both =
        accepted(run(a, tls("device-42", "device-42", "device-pw", pki.chain(device42))));
    assertThat(both.roles()).containsExactlyInAnyOrder("sensor", "vip");
    assertThat(
            rejected(run(a, tls("device-42", "device-42", "wrong", pki.chain(device42)))).reason())
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(rejected(run(a, tls("device-42", null, null, pki.chain(device42)))).reason())
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(
            rejected(run(a, tls("gw", "device-42", "device-pw", pki.chain(gateway)))).auditDetail())
        .contains("must equal the certificate identity");
    assertThat(
            rejected(run(a, tls("device-42", "device-42", "device-pw", List.of()))).auditDetail())
        .isEqualTo("client certificate required");
  }

  @Test
  void malformedCertificate_isRejectedNotThrown() throws Exception {
    X509Certificate broken = new BrokenCertificate(device42);
    assertThat(
            rejected(
                    run(
                        authenticator("certificate"),
                        tls("device-42", null, null, List.of(broken))))
                .auditDetail())
        .contains("malformed");
  }

  @Test
  void cnWithTopicCharacters_neverBecomesAUsername() throws Exception {
    X509Certificate evil = pki.leaf("CN=victim/x,OU=sensors,O=Acme");
    assertThat(
            rejected(run(authenticator("certificate"), tls("victim", null, null, pki.chain(evil))))
                .auditDetail())
        .contains("contains the topic character '/'");
  }

  @Test
  void issuer_comparedStructurally_rdnOrderMatters_caseAndSpacingDoNot() throws Exception {
    String rule =
        "{\"certificates\": [{\"match\": {\"issuer\": \"%s\"}, \"username\": \"fixed-user\"}]}";
    assertThat(
            run(
                    authenticator("certificate", rule.formatted("cn=FACTORY  devices ca , o=acme")),
                    tls("c", null, null, pki.chain(device42)))
                .accepted())
        .isTrue();
    assertThat(
            run(
                    authenticator("certificate", rule.formatted("O=Acme,CN=Factory Devices CA")),
                    tls("c", null, null, pki.chain(device42)))
                .accepted())
        .isFalse();
  }

  @Test
  void fingerprintRule_matchesOnlyThatCertificate_andCanYieldTheFingerprintAsUsername()
      throws Exception {
    String fp =
        java.util.HexFormat.ofDelimiter(":")
            .withUpperCase()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(device42.getEncoded()));
    String users =
        "{\"certificates\": [{\"match\": {\"sha256Fingerprint\": \"%s\"}, \"username\": \"${cert.fingerprint}\", \"roles\": [\"vip\"]}]}"
            .formatted(fp);
    Authenticator a = authenticator("certificate", users);
    ClientIdentity id = accepted(run(a, tls("c", null, null, pki.chain(device42))));
    assertThat(id.username()).isEqualTo(fp.replace(":", "").toLowerCase(java.util.Locale.ROOT));
    assertThat(run(a, tls("c2", null, null, pki.chain(gateway))).accepted()).isFalse();
  }

  @Test
  void recheck_liveCertificateClient_isRejectedOnceRevokedOrExpired() throws Exception {
    Authenticator a = authenticator("certificate");
    TlsFacts facts = new TlsFacts("TLSv1.3", null, pki.chain(device42));
    AuthResult.Accepted live =
        (AuthResult.Accepted) run(a, tls("device-42", null, null, facts.peerChain()));
    assertThat(a.recheck(live, facts)).isSameAs(live);
    assertThat(a.recheck(live, null).accepted()).isFalse();
    assertThat(a.config().settings().crlFiles()).containsExactly(dir.resolve("acme.pem.crl"));
    // A new CRL revoking device-42 is loaded by the next reload.
    Files.writeString(
        dir.resolve("acme.pem.crl"), TestCertificates.pem(pki.crl(List.of(device42))));
    a.update(authenticator("certificate").config());
    assertThat(((AuthResult.Rejected) a.recheck(live, facts)).auditDetail()).contains("revoked");
    // And without revocation, expiry is caught by the injected clock.
    Authenticator b = authenticator("certificate");
    Files.writeString(dir.resolve("acme.pem.crl"), TestCertificates.pem(pki.crl(List.of())));
    b.update(authenticator("certificate").config());
    assertThat(b.recheck(live, facts)).isSameAs(live);
    clock.advance(Duration.ofDays(31));
    assertThat(((AuthResult.Rejected) b.recheck(live, facts)).auditDetail()).contains("expired");
  }
}
