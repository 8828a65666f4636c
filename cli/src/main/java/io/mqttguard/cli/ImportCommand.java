package io.mqttguard.cli;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mqtt-guard import}: migrates existing deployments; see the subcommands. */
@Command(
    name = "import",
    description = {
      "Migrate an existing deployment to acl.json and users.json.",
      "Password hashes are kept as they are (the core verifies them); rules are translated;"
          + " every construct whose meaning differs is reported with its lines, never silently"
          + " changed. Exit 0 when everything was translated, 1 when something was left out."
    },
    subcommands = {ImportMosquittoCommand.class, ImportFileRbacCommand.class})
final class ImportCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /**
   * Validates the translated documents with the core (schemas, hashes, roles), writes them into
   * {@code out} and prints the report and a summary.
   */
  static int finish(Io io, PolicyBuilder policy, MigrationReport report, Path out, boolean force)
      throws ConfigException {
    byte[] acl = JsonFiles.render(policy.aclJson());
    byte[] users = JsonFiles.render(policy.usersJson());
    AclPolicy aclPolicy = AclPolicy.parse("acl.json", acl);
    UsersConfig parsed = UsersConfig.parse("users.json", users, policy.roleNames());
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new CliException("cannot create " + out + ": " + JsonFiles.describe(e), e);
    }
    Path aclFile = out.resolve("acl.json");
    Path usersFile = out.resolve("users.json");
    if (!force && (Files.exists(aclFile) || Files.exists(usersFile))) {
      throw new CliException(
          out + " already contains acl.json or users.json (use --force to replace them)");
    }
    JsonFiles.writeNew(aclFile, acl, force);
    JsonFiles.writeNew(usersFile, users, force);
    report.print(io.out());
    for (ConfigProblem w : aclPolicy.warnings()) {
      io.out().println(w);
    }
    for (ConfigProblem w : parsed.warnings()) {
      io.out().println(w);
    }
    io.out()
        .printf(
            "wrote %s (%d roles) and %s (%d users): %d differ, %d not translated, %d notes%n",
            aclFile,
            policy.roleNames().size(),
            usersFile,
            policy.usernames().size(),
            report.count(MigrationReport.Kind.DIFFERS),
            report.count(MigrationReport.Kind.NOT_TRANSLATED),
            report.count(MigrationReport.Kind.NOTE));
    return report.count(MigrationReport.Kind.NOT_TRANSLATED) > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
