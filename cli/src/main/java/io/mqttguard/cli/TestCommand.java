package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.policytest.PolicyTestCases;
import io.mqttguard.policytest.PolicyTestReport;
import io.mqttguard.policytest.PolicyTestReport.CaseResult;
import io.mqttguard.policytest.PolicyTestRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mqtt-guard test}: runs policy test cases and connect cases against a configuration. */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "test",
    description = {
      "Run policy test cases (policy-tests-1.json) against a configuration directory.",
      "ACL cases run through the core's policy test runner; 'connect' cases (password and/or"
          + " certificate) through real authentication. Prints each failure with its"
          + " explanation and ends with 'N passed, M failed'. Exit 1 if any case failed."
    })
final class TestCommand implements Callable<Integer> {
  private final Io io;

  @Mixin SharedOptions.Config config = new SharedOptions.Config();

  @Parameters(arity = "1..*", paramLabel = "CASES.json", description = "Test case files.")
  List<Path> files = new ArrayList<>();

  TestCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    ConfigSnapshot snapshot = ConfigDir.load(config.dir, io).snapshot();
    List<PolicyTestCases> all = new ArrayList<>();
    for (Path f : files) {
      all.add(PolicyTestCases.load(f));
    }
    int passed = 0;
    int failed = 0;
    for (PolicyTestCases cases : all) {
      PolicyTestReport report = PolicyTestRunner.run(snapshot, cases, io.clock(), io.random());
      for (CaseResult r : report.results()) {
        if (r.outcome() == PolicyTestReport.Outcome.PASSED) {
          passed++;
        } else {
          failed++;
          print(cases, r);
        }
      }
    }
    io.out().println(passed + " passed, " + failed + " failed");
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void print(PolicyTestCases cases, CaseResult r) {
    io.out()
        .println(
            "FAIL "
                + cases.file()
                + " "
                + r.testCase().pointer()
                + " '"
                + r.testCase().name()
                + "': "
                + r.message());
    if (r.explanation() != null) {
      r.explanation().render().lines().forEach(l -> io.out().println("    " + l));
    }
  }
}
