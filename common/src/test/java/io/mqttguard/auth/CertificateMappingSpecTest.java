package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import io.mqttguard.testsupport.TestCertificates;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.GeneralName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificate-to-identity mapping rules (subject, fingerprint, SAN sources), the mode combinations
 * with passwords, and rechecks of certificate identities after a reload.
 */
class CertificateMappingSpecTest {
  static final Set<String> ROLES = Set.of("sensor", "gateway", "vip");
  static final SecureRandom RANDOM = new SecureRandom();
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final String PW_HASH =
      PasswordHasher.argon2id(64, 1, 1, RANDOM).hash("pw".getBytes(UTF_8));

  static TestCertificates pki;
  static X509Certificate device;
  static X509Certificate multiSan;
  static X509Certificate noSan;

  final MutableClock clock = new MutableClock(NOW);

  @BeforeAll
  static void pki() throws Exception {
    pki = new TestCertificates("CN=Mapping CA,O=Acme", NOW);
    device = pki.leaf("CN=dev-1,OU=sensors,O=Acme");
    multiSan =
        pki.leaf(
            "CN=multi,OU=gateways,O=Acme",
            new GeneralName(GeneralName.rfc822Name, "ops@acme.test"),
            new GeneralName(GeneralName.dNSName, "first.acme.test"),
            new GeneralName(GeneralName.dNSName, "second.acme.test"),
            new GeneralName(GeneralName.uniformResourceIdentifier, "urn:acme:gw:7"),
            new GeneralName(GeneralName.iPAddress, "10.0.0.7"));
    noSan = pki.leaf("CN=bare,OU=gateways,O=Acme");
  }

  Authenticator authenticator(String mode, String users) throws Exception {
    String guard = "{\"defaultListener\": {\"authentication\": \"%s\"}}".formatted(mode);
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", users.getBytes(UTF_8), ROLES),
            AuthSettings.parse("guard.json", guard.getBytes(UTF_8), Path.of("."), ROLES, clock));
    return Authenticator.create(config, Runnable::run, e -> {}, clock, RANDOM);
  }

  static ConnectRequest tls(
      String clientId, @Nullable String user, @Nullable String pw, List<X509Certificate> chain) {
    return new ConnectRequest(
        clientId,
        user,
        pw == null ? null : pw.getBytes(UTF_8),
        "tls",
        null,
        new TlsFacts("TLSv1.3", null, chain),
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

  static String rule(String match, String username) {
    return "{\"users\": {\"dev-1\": {\"password\": \"%s\", \"roles\": [\"vip\"]}},"
            .formatted(PW_HASH)
        + " \"certificates\": [{\"name\": \"r\", \"match\": "
        + match
        + ", \"username\": \""
        + username
        + "\", \"roles\": [\"sensor\"]}]}";
  }

  @Test
  void subjectRule_exactDnMatches_otherSubjectDoesNot() throws Exception {
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subject\": \"CN=dev-1,OU=sensors,O=Acme\"}", "${cert.cn}"));
    assertThat(accepted(run(a, tls("c1", null, null, pki.chain(device)))).username())
        .isEqualTo("dev-1");
    assertThat(rejected(run(a, tls("c2", null, null, pki.chain(noSan)))).auditDetail())
        .startsWith("no certificate mapping rule matches");
  }

  @Test
  void fingerprintRule_ofAnotherCertificate_neverMatches() throws Exception {
    String fp = "00".repeat(32);
    Authenticator a =
        authenticator("certificate", rule("{\"sha256Fingerprint\": \"" + fp + "\"}", "fixed"));
    assertThat(rejected(run(a, tls("c1", null, null, pki.chain(device)))).reason())
        .isEqualTo(RejectReason.NOT_AUTHORIZED);
  }

  @Test
  void subjectFieldGlob_mustMatchSomeValue() throws Exception {
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subjectFields\": {\"OU\": \"gate*\"}}", "${cert.cn}"));
    assertThat(accepted(run(a, tls("c1", null, null, pki.chain(noSan)))).username())
        .isEqualTo("bare");
    assertThat(run(a, tls("c2", null, null, pki.chain(device))).accepted()).isFalse();
  }

  @Test
  void sanSources_yieldTheFirstValueOfTheirType() throws Exception {
    String[][] cases = {
      {"${cert.san.dns}", "first.acme.test"},
      {"${cert.san.uri}", "urn:acme:gw:7"},
      {"${cert.san.email}", "ops@acme.test"},
      {"${cert.san.ip}", "10.0.0.7"},
      {"gateway-account", "gateway-account"},
    };
    for (String[] c : cases) {
      Authenticator a =
          authenticator("certificate", rule("{\"subjectFields\": {\"OU\": \"gateways\"}}", c[0]));
      ClientIdentity id =
          accepted(run(a, tls("gw-" + c[1].length(), null, null, pki.chain(multiSan))));
      assertThat(id.username()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void sanRule_matchesAnyValueOfItsType_andExposesAllSans() throws Exception {
    Authenticator a =
        authenticator("certificate", rule("{\"san\": {\"dns\": \"second.*\"}}", "${cert.cn}"));
    ClientIdentity id = accepted(run(a, tls("c1", null, null, pki.chain(multiSan))));
    var cert = java.util.Objects.requireNonNull(id.certificate());
    assertThat(cert.dnsNames()).containsExactly("first.acme.test", "second.acme.test");
    assertThat(cert.emails()).containsExactly("ops@acme.test");
    assertThat(cert.uris()).containsExactly("urn:acme:gw:7");
    assertThat(cert.ipAddresses()).containsExactly("10.0.0.7");
    assertThat(run(a, tls("c2", null, null, pki.chain(noSan))).accepted()).isFalse();
  }

  @Test
  void sanUsernameSource_missingOnTheCertificate_isInvalidNotAFallback() throws Exception {
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subjectFields\": {\"OU\": \"gateways\"}}", "${cert.san.dns}"));
    AuthResult.Rejected r = rejected(run(a, tls("c1", null, null, pki.chain(noSan))));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail())
        .isEqualTo("rule r matched but the certificate lacks the username source");
  }

  @Test
  void certificateOrPassword_unmappedCertificate_fallsBackToThePassword() throws Exception {
    Authenticator a =
        authenticator(
            "certificate-or-password",
            rule("{\"subjectFields\": {\"OU\": \"gateways\"}}", "${cert.cn}"));
    AuthResult r = run(a, tls("c1", "dev-1", "pw", pki.chain(device)));
    assertThat(accepted(r).username()).isEqualTo("dev-1");
    assertThat(((AuthResult.Accepted) r).decidedBy()).isEqualTo("user:dev-1 (hash)");
    assertThat(((AuthResult.Accepted) r).factors()).isEqualTo(AuthResult.Factors.PASSWORD);
    assertThat(((AuthResult.Accepted) r).passwordCheck()).isEqualTo(AuthResult.PasswordCheck.HASH);
    assertThat(rejected(run(a, tls("c2", "dev-1", "wrong", pki.chain(device)))).reason())
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(rejected(run(a, tls("c3", null, null, pki.chain(device)))).auditDetail())
        .startsWith("no certificate mapping rule matches");
  }

  @Test
  void certificateOrPassword_expiredCertificate_isRefusedEvenWithTheRightPassword()
      throws Exception {
    X509Certificate expired =
        pki.leaf("CN=dev-1,OU=sensors,O=Acme", NOW.minusSeconds(7200), NOW.minusSeconds(60));
    Authenticator a =
        authenticator(
            "certificate-or-password",
            rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}"));
    AuthResult.Rejected r = rejected(run(a, tls("c1", "dev-1", "pw", pki.chain(expired))));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail()).isEqualTo("certificate 0 of the chain has expired");
  }

  @Test
  void certificateAndPassword_unmappedCertificate_isRejectedWithTheMappingDetail()
      throws Exception {
    Authenticator a =
        authenticator(
            "certificate-and-password",
            rule("{\"subjectFields\": {\"OU\": \"gateways\"}}", "${cert.cn}"));
    AuthResult.Rejected r = rejected(run(a, tls("c1", "dev-1", "pw", pki.chain(device))));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail()).startsWith("no certificate mapping rule matches");
  }

  @Test
  void passwordMode_ignoresTheCertificate() throws Exception {
    Authenticator a =
        authenticator("password", rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "fixed"));
    AuthResult r = run(a, tls("c1", "dev-1", "pw", pki.chain(device)));
    assertThat(accepted(r).certificate()).isNull();
    assertThat(accepted(r).roles()).containsExactly("vip");
  }

  @Test
  void recheck_certificateIdentity_withoutItsChain_isRejected() throws Exception {
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}"));
    var live = (AuthResult.Accepted) run(a, tls("c1", null, null, pki.chain(device)));
    assertThat(rejected(a.recheck(live, new TlsFacts("TLSv1.3", null, List.of()))).auditDetail())
        .isEqualTo("certificate identity cannot be rechecked without its chain");
  }

  @Test
  void recheck_afterReload_certificateMappingToAnotherUsername_isRejected() throws Exception {
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}"));
    TlsFacts facts = new TlsFacts("TLSv1.3", null, pki.chain(device));
    var live = (AuthResult.Accepted) run(a, tls("c1", null, null, facts.peerChain()));
    a.update(
        authenticator(
                "certificate", rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "other-name"))
            .config());
    assertThat(rejected(a.recheck(live, facts)).auditDetail())
        .isEqualTo("certificate now maps to a different username");
  }

  @Test
  void recheck_afterReload_certificateRuleNoLongerMatching_isRejected() throws Exception {
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}"));
    TlsFacts facts = new TlsFacts("TLSv1.3", null, pki.chain(device));
    var live = (AuthResult.Accepted) run(a, tls("c1", null, null, facts.peerChain()));
    a.update(
        authenticator(
                "certificate", rule("{\"subjectFields\": {\"OU\": \"gateways\"}}", "${cert.cn}"))
            .config());
    assertThat(rejected(a.recheck(live, facts)).auditDetail())
        .startsWith("no certificate mapping rule matches");
  }

  @Test
  void recheck_afterReload_certificateClientIdBindingTightened_isRejected() throws Exception {
    String open = rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}");
    Authenticator a = authenticator("certificate", open);
    TlsFacts facts = new TlsFacts("TLSv1.3", null, pki.chain(device));
    var live = (AuthResult.Accepted) run(a, tls("c1", null, null, facts.peerChain()));
    String bound =
        open.replace(
            "\"roles\": [\"sensor\"]}]",
            "\"roles\": [\"sensor\"], \"clientIds\": [\"${cert.cn}\"]}]");
    assertThat(bound).isNotEqualTo(open);
    a.update(authenticator("certificate", bound).config());
    assertThat(rejected(a.recheck(live, facts)).auditDetail())
        .isEqualTo("client ID no longer allowed for certificate:r");
  }

  @Test
  void recheck_afterReload_certificateRolesWithdrawn_isRejected() throws Exception {
    String before = rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}");
    Authenticator a = authenticator("certificate", before);
    TlsFacts facts = new TlsFacts("TLSv1.3", null, pki.chain(device));
    var live = (AuthResult.Accepted) run(a, tls("c1", null, null, facts.peerChain()));
    a.update(
        authenticator("certificate", before.replace("[\"sensor\"]}]", "[\"gateway\"]}]")).config());
    assertThat(rejected(a.recheck(live, facts)).auditDetail())
        .isEqualTo("roles withdrawn: [sensor]");
  }

  @Test
  void recheck_twoFactorIdentity_userRemovedOrDisabled_isRejected_unchangedIsKept()
      throws Exception {
    String users = rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}");
    Authenticator a = authenticator("certificate-and-password", users);
    TlsFacts facts = new TlsFacts("TLSv1.3", null, pki.chain(device));
    var live = (AuthResult.Accepted) run(a, tls("c1", "dev-1", "pw", facts.peerChain()));
    assertThat(live.decidedBy()).isEqualTo("certificate:r+user:dev-1 (hash)");
    assertThat(live.factors()).isEqualTo(AuthResult.Factors.CERTIFICATE_AND_PASSWORD);
    assertThat(live.passwordCheck()).isEqualTo(AuthResult.PasswordCheck.HASH);
    assertThat(live.identity().roles()).containsExactlyInAnyOrder("sensor", "vip");
    assertThat(a.recheck(live, facts)).isSameAs(live);
    a.update(
        authenticator(
                "certificate-and-password",
                users.replace("\"roles\": [\"vip\"]}", "\"roles\": [\"vip\"], \"disabled\": true}"))
            .config());
    assertThat(rejected(a.recheck(live, facts)).auditDetail()).isEqualTo("user dev-1 is disabled");
    a.update(
        authenticator(
                "certificate-and-password",
                users.replace("\"roles\": [\"vip\"]}", "\"roles\": [\"sensor\"]}"))
            .config());
    assertThat(rejected(a.recheck(live, facts)).auditDetail()).isEqualTo("roles withdrawn: [vip]");
  }

  @Test
  void certificateNotYetValid_isRefused() throws Exception {
    X509Certificate future =
        pki.leaf("CN=dev-1,OU=sensors,O=Acme", NOW.plusSeconds(60), NOW.plusSeconds(7200));
    Authenticator a =
        authenticator(
            "certificate", rule("{\"subjectFields\": {\"OU\": \"sensors\"}}", "${cert.cn}"));
    AuthResult.Rejected r = rejected(run(a, tls("c1", null, null, pki.chain(future))));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail()).isEqualTo("certificate 0 of the chain is not yet valid");
  }
}
