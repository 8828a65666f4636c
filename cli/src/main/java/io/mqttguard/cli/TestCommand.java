package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.IdentityResolver;
import io.mqttguard.acl.PolicyTestCase;
import io.mqttguard.acl.PolicyTestCases;
import io.mqttguard.acl.PolicyTestReport;
import io.mqttguard.acl.PolicyTestReport.CaseResult;
import io.mqttguard.acl.PolicyTestRunner;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mqtt-guard test}: runs policy test cases and connect cases against a configuration. */
@Command(
    name = "test",
    description = {
      "Run policy test cases (policy-tests-1.json) against a configuration directory.",
      "ACL cases run through the core's policy test runner; 'connect' cases (password and/or"
          + " certificate) through real authentication. Prints each failure with its"
          + " explanation and ends with 'N passed, M failed'. Exit 1 if any case failed."
    })
final class TestCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "DIR",
      description = "Configuration directory.")
  Path config = Path.of(".");

  @Parameters(arity = "1..*", paramLabel = "CASES.json", description = "Test case files.")
  List<Path> files = new ArrayList<>();

  TestCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    ConfigDir dir = ConfigDir.load(config, io);
    List<PolicyTestCases> all = new ArrayList<>();
    for (Path f : files) {
      all.add(PolicyTestCases.load(f));
    }
    IdentityResolver users =
        c -> {
          String u = c.username();
          return u == null ? Optional.empty() : dir.user(c.clientId(), u);
        };
    int passed = 0;
    int failed = 0;
    for (int i = 0; i < all.size(); i++) {
      PolicyTestCases cases = all.get(i);
      PolicyTestReport report = PolicyTestRunner.run(dir.acl(), cases, users);
      for (CaseResult r : report.results()) {
        String failure =
            switch (r.outcome()) {
              case PASSED -> null;
              case NOT_APPLICABLE -> connect(dir, r.testCase(), files.get(i));
              case FAILED, ERROR -> r.message();
            };
        if (failure == null) {
          passed++;
          continue;
        }
        failed++;
        io.out()
            .println(
                "FAIL "
                    + cases.file()
                    + " "
                    + r.testCase().pointer()
                    + " '"
                    + r.testCase().name()
                    + "': "
                    + failure);
        if (r.explanation() != null) {
          r.explanation().render().lines().forEach(l -> io.out().println("    " + l));
        }
      }
    }
    io.out().println(passed + " passed, " + failed + " failed");
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Runs a connect case; returns null if it passed, else why it failed. */
  private @Nullable String connect(ConfigDir dir, PolicyTestCase c, Path file) {
    JsonNode raw = rawCase(file, c.pointer());
    String certificate = raw.path("certificate").asText("");
    TlsFacts tls = null;
    if (!certificate.isEmpty()) {
      Path parent = file.toAbsolutePath().getParent();
      Path pem = parent == null ? Path.of(certificate) : parent.resolve(certificate);
      tls = new TlsFacts("TLSv1.3", null, Pem.chain(pem));
    } else if (raw.path("tls").asBoolean(false)) {
      tls = new TlsFacts("TLSv1.3", null, List.of());
    }
    String password = c.password();
    ConnectRequest request =
        new ConnectRequest(
            c.clientId(),
            c.username(),
            password == null ? null : password.getBytes(StandardCharsets.UTF_8),
            c.listener() == null ? "tcp" : c.listener(),
            "127.0.0.1",
            tls,
            5);
    AuthResult result = dir.authenticate(request, io);
    Effect actual = result.accepted() ? Effect.ALLOW : Effect.DENY;
    if (actual == c.expect()) {
      return null;
    }
    return "expected "
        + c.expect()
        + ", but "
        + actual
        + (result instanceof AuthResult.Rejected r
            ? ": " + r.reason() + " (" + r.auditDetail() + ")"
            : ": accepted by " + ((AuthResult.Accepted) result).decidedBy());
  }

  private static JsonNode rawCase(Path file, String pointer) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(JsonFiles.read(file))
          .at(pointer);
    } catch (java.io.IOException e) {
      throw new CliException("cannot re-read " + file + ": " + JsonFiles.describe(e), e);
    }
  }
}
