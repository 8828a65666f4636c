package io.mqttguard.cli;

import io.mqttguard.acl.AccessRequest;
import io.mqttguard.acl.Decision;
import io.mqttguard.acl.Explanation;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mqtt-guard explain}: the decision, the deciding rule and the trace for one request. */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "explain",
    description = {
      "Explain why a client may or may not publish, subscribe or receive.",
      "The identity comes from users.json (--username), from the certificate mapping rules"
          + " (--cert, real certificate authentication), or is anonymous (neither)."
          + " Exit 0 if allowed, 1 if denied."
    })
final class ExplainCommand implements Callable<Integer> {
  private final Io io;

  @Mixin SharedOptions.Config config = new SharedOptions.Config();

  @Option(
      names = {"-u", "--username"},
      paramLabel = "U",
      description = "A user of users.json.")
  @Nullable String username;

  @Mixin SharedOptions.ClientId clientId = new SharedOptions.ClientId();

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "Client certificate (PEM or DER, leaf first) mapped by users.json's rules.")
  @Nullable Path cert;

  @Option(
      names = {"-a", "--action"},
      required = true,
      paramLabel = "ACTION",
      description = "publish, subscribe or receive.")
  String action = "";

  @Mixin SharedOptions.Topic topic = new SharedOptions.Topic();

  @Option(
      names = {"-q", "--qos"},
      paramLabel = "Q",
      description = "QoS (default 0).")
  int qos;

  @Option(
      names = {"-r", "--retain"},
      description = "The PUBLISH has RETAIN set.")
  boolean retain;

  @Option(
      names = "--payload-bytes",
      paramLabel = "N",
      description = "Payload size of the PUBLISH (default 0).")
  int payloadBytes;

  ExplainCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    AccessRequest request = request();
    ConfigDir dir = ConfigDir.load(config.dir, io);
    ClientIdentity identity = identity(dir);
    Explanation explanation = dir.acl().compile(identity).explain(request);
    Decision d = explanation.decision();
    io.out().println(describe(identity));
    io.out().println(explanation.render());
    if (d.rule() != null) {
      io.out().println("deciding rule: " + d.rule() + " at acl.json " + d.rule().pointer());
    }
    return d.allowed() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private AccessRequest request() {
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "publish" -> new AccessRequest.Publish(topic.topic, qos, retain, payloadBytes);
      case "subscribe" -> new AccessRequest.Subscribe(topic.topic, qos);
      case "receive" -> new AccessRequest.Receive(topic.topic);
      default ->
          throw new CliException(
              "--action must be publish, subscribe or receive, but was '" + action + "'");
    };
  }

  private ClientIdentity identity(ConfigDir dir) throws ConfigException {
    String id =
        clientId.clientId != null ? clientId.clientId : username != null ? username : "explain";
    Path certFile = cert;
    if (certFile != null) {
      AuthResult r =
          dir.authenticateCertificate(
              new ConnectRequest(
                  id,
                  username,
                  null,
                  "explain",
                  "127.0.0.1",
                  new TlsFacts("TLSv1.3", null, Pem.chain(certFile)),
                  5),
              io);
      if (r instanceof AuthResult.Accepted a) {
        return a.identity();
      }
      AuthResult.Rejected rejected = (AuthResult.Rejected) r;
      throw new CliException(
          "the certificate gives no identity: "
              + rejected.reason()
              + " ("
              + rejected.auditDetail()
              + ")");
    }
    String user = username;
    if (user == null) {
      return ClientIdentity.anonymous(id);
    }
    return dir.user(id, user)
        .orElseThrow(() -> new CliException("user '" + user + "' is not in users.json"));
  }

  private static String describe(ClientIdentity i) {
    return "client "
        + i.clientId()
        + (i.anonymous() ? " (anonymous)" : " as " + i.username())
        + ", roles "
        + new java.util.TreeSet<>(i.roles());
  }
}
