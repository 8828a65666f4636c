package io.mqttguard.cli;

import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mqtt-guard import mosquitto}: password_file, acl_file and dynamic-security.json. */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "mosquitto",
    // picocli formats descriptions: '%%' prints '%', '$${' prints '${' (no variable lookup).
    description = {
      "Import mosquitto's password_file, acl_file and/or dynamic-security plugin file.",
      "acl_file: 'topic' lines before any 'user' become role 'anonymous', per-user lines role"
          + " 'user.<name>', 'pattern' lines role 'patterns' (%%c/%%u -> $${client.id}/$${user.name})."
          + " read -> subscribe+receive, write -> publish, readwrite -> all, deny -> deny."
    })
final class ImportMosquittoCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--passwd", paramLabel = "FILE", description = "mosquitto password_file.")
  @Nullable Path passwd;

  @Option(names = "--acl", paramLabel = "FILE", description = "mosquitto acl_file.")
  @Nullable Path acl;

  @Option(
      names = "--dynsec",
      paramLabel = "FILE",
      description = "dynamic-security plugin file (dynamic-security.json).")
  @Nullable Path dynsec;

  @Mixin SharedOptions.Output output = new SharedOptions.Output();

  ImportMosquittoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    if (passwd == null && acl == null && dynsec == null) {
      throw new CliException("give at least one of --passwd, --acl, --dynsec");
    }
    PolicyBuilder policy = new PolicyBuilder();
    MigrationReport report = new MigrationReport();
    Path aclFile = acl;
    if (aclFile != null) {
      String content = new String(JsonFiles.read(aclFile), StandardCharsets.UTF_8);
      new MosquittoAclTranslator(name(aclFile), policy, report).translate(content);
    }
    Path dynsecFile = dynsec;
    if (dynsecFile != null) {
      JsonLines json = JsonLines.parse(name(dynsecFile), JsonFiles.read(dynsecFile));
      new DynsecTranslator(name(dynsecFile), json, policy, report).translate();
    }
    List<String> aclUsers = new ArrayList<>(policy.usernames());
    Path passwdFile = passwd;
    if (passwdFile != null) {
      passwords(passwdFile, policy, report);
      if (aclFile != null) {
        for (String u : aclUsers) {
          if (policy.user(u).password == null) {
            report.add(
                Kind.NOTE,
                name(aclFile),
                List.of(),
                "user '" + u + "' has ACL lines but no password in " + name(passwdFile));
          }
        }
      }
    }
    if (aclFile == null && dynsecFile == null) {
      report.add(
          Kind.DIFFERS,
          name(passwdFile == null ? Path.of("passwd") : passwdFile),
          List.of(),
          "without an acl_file mosquitto lets every authenticated client use every topic; the"
              + " imported users have no roles, so nothing is allowed until you add roles in"
              + " acl.json");
    }
    if (policy.hasRole(MosquittoAclTranslator.PATTERNS)) {
      String patterns =
          policy.role(MosquittoAclTranslator.PATTERNS, "patterns", "mosquitto acl_file patterns");
      policy.usernames().forEach(u -> policy.user(u).roles.add(patterns));
      policy.grantAnonymous(patterns);
    }
    return ImportCommand.finish(io, policy, report, output.dir, output.force);
  }

  private static void passwords(Path file, PolicyBuilder policy, MigrationReport report) {
    String fileName = name(file);
    String[] lines = new String(JsonFiles.read(file), StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || colon == line.length() - 1) {
        report.add(
            Kind.NOT_TRANSLATED, fileName, i + 1, "expected 'username:hash' (line not shown)");
        continue;
      }
      String user = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (HashImport.accept(user, hash, fileName, i + 1, report)) {
        policy.user(user).password = hash;
      }
    }
  }

  static String name(Path file) {
    Path n = file.getFileName();
    return n == null ? file.toString() : n.toString();
  }
}
