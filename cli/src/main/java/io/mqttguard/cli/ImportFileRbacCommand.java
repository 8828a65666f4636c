package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mqtt-guard import hivemq-file-rbac}: HiveMQ's file-rbac credentials.xml. */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "hivemq-file-rbac",
    // picocli formats descriptions: '$${' prints '${' (no variable lookup).
    description = {
      "Import a HiveMQ file-rbac credentials.xml (users, hashed passwords, roles, permissions).",
      "PUBLISH -> publish, SUBSCRIBE -> subscribe+receive, ALL -> all three;"
          + " $${{clientid}}/$${{username}} -> $${client.id}/$${user.name}."
    })
final class ImportFileRbacCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--credentials",
      required = true,
      paramLabel = "FILE",
      description = "file-rbac credentials.xml.")
  Path credentials = Path.of("credentials.xml");

  @Mixin SharedOptions.Output output = new SharedOptions.Output();

  ImportFileRbacCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    String name = ImportMosquittoCommand.name(credentials);
    var root = FileRbacXml.parse(name, JsonFiles.read(credentials));
    PolicyBuilder policy = new PolicyBuilder();
    MigrationReport report = new MigrationReport();
    new FileRbacTranslator(name, policy, report).translate(root);
    return ImportCommand.finish(io, policy, report, output.dir, output.force);
  }
}
