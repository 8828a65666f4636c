package io.mqttguard.policytest;

import io.mqttguard.acl.Effect;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ProblemCollector;
import io.mqttguard.identity.CertificateChains;
import io.mqttguard.policytest.PolicyTestReport.CaseResult;
import io.mqttguard.policytest.PolicyTestReport.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Runs {@code connect} cases through real authentication of a loaded configuration: each case gets
 * a fresh authenticator (no lockout or session history from other cases) that hashes on the
 * caller's thread and audits nowhere. The certificate files of all cases are read up front, so a
 * missing or broken file stops the run before any case runs. Not thread-safe.
 */
final class ConnectCaseRunner {
  private static final int MQTT_5 = 5;

  private final AuthConfig auth;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, List<X509Certificate>> chains;

  private ConnectCaseRunner(
      AuthConfig auth,
      Clock clock,
      SecureRandom random,
      Map<String, List<X509Certificate>> chains) {
    this.auth = auth;
    this.clock = clock;
    this.random = random;
    this.chains = chains;
  }

  /**
   * @throws ConfigException naming the cases file and the case's pointer for every certificate file
   *     that cannot be read or holds no certificate
   */
  static ConnectCaseRunner prepare(
      AuthConfig auth, PolicyTestCases cases, Clock clock, SecureRandom random)
      throws ConfigException {
    ProblemCollector problems = new ProblemCollector(cases.file());
    Map<String, List<X509Certificate>> chains = new HashMap<>();
    for (PolicyTestCase c : cases.cases()) {
      Path file = c.certificate();
      if (c.action() == PolicyTestCase.TestAction.CONNECT && file != null) {
        try {
          chains.put(c.pointer(), chain(file));
        } catch (CertificateException | IOException e) {
          problems.error(c.pointer() + "/certificate", file + ": " + describe(e));
        }
      }
    }
    problems.throwIfErrors();
    return new ConnectCaseRunner(auth, clock, random, chains);
  }

  /** Authenticates the CONNECT of {@code c} and compares the result with its expectation. */
  CaseResult run(PolicyTestCase c) {
    AuthResult result = authenticate(request(c));
    Effect actual = result.accepted() ? Effect.ALLOW : Effect.DENY;
    String how =
        result instanceof AuthResult.Rejected r
            ? r.reason() + " (" + r.auditDetail() + ")"
            : "accepted by " + ((AuthResult.Accepted) result).decidedBy();
    if (actual == c.expect()) {
      return new CaseResult(c, Outcome.PASSED, null, null, "passed: " + how);
    }
    return new CaseResult(
        c, Outcome.FAILED, null, null, "expected " + c.expect() + ", but " + actual + ": " + how);
  }

  private ConnectRequest request(PolicyTestCase c) {
    List<X509Certificate> chain = chains.getOrDefault(c.pointer(), List.of());
    TlsFacts tls = c.tls() ? new TlsFacts("TLSv1.3", null, chain) : null;
    String password = c.password();
    return new ConnectRequest(
        c.clientId(),
        c.username(),
        password == null ? null : password.getBytes(StandardCharsets.UTF_8),
        c.listener() == null ? "tcp" : c.listener(),
        "127.0.0.1",
        tls,
        MQTT_5);
  }

  private AuthResult authenticate(ConnectRequest request) {
    Authenticator authenticator =
        Authenticator.create(auth, Runnable::run, AuditSink.discarding(), clock, random);
    try {
      return authenticator.authenticate(request).join();
    } catch (CompletionException e) {
      throw new IllegalStateException("the authenticator failed", e);
    }
  }

  /** The certificates of {@code file} (PEM or DER), leaf first as written. */
  private static List<X509Certificate> chain(Path file) throws IOException, CertificateException {
    return CertificateChains.parse(Files.readAllBytes(file));
  }

  private static String describe(Exception e) {
    if (e instanceof CertificateException) {
      return "not a certificate chain (expected PEM or DER)";
    }
    return "cannot read: " + e.getClass().getSimpleName();
  }
}
