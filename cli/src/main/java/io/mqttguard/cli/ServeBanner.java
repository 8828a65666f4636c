package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.auth.ListenerPolicy;
import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Guard;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code serve} prints: the listeners as {@code guard.json} defines them, the TLS material in
 * use, the users and their roles (never a password or hash; only the quickstart's public demo
 * passwords), and the commands {@link ServeExamples} derived and confirmed from the configuration.
 * Stateless.
 */
final class ServeBanner {
  private ServeBanner() {}

  /** Everything the banner states, gathered once. */
  record Facts(
      Path configDir,
      String broker,
      boolean mqtt5,
      int port,
      int tlsPort,
      ServePki.ServerTls tls,
      ConfigSnapshot snapshot,
      ServeExamples examples) {

    static Facts of(
        Path dir, ServedBroker server, int port, int tlsPort, ServePki.ServerTls tls, Io io) {
      ConfigSnapshot snapshot;
      try {
        snapshot = Guard.check(dir, io.clock());
      } catch (ConfigException e) {
        throw new CliException("the configuration changed while starting: " + e.getMessage(), e);
      }
      ServeAccounts accounts = new ServeAccounts(dir, snapshot, io);
      ServeExamples.Target target =
          new ServeExamples.Target(port, tlsPort, tls.caPem(), server.mqtt5(), launcher(), dir);
      ServeExamples examples =
          new ServeExamples(dir, snapshot, accounts, target, tls.truststore() != null, io).derive();
      return new Facts(dir, server.name(), server.mqtt5(), port, tlsPort, tls, snapshot, examples);
    }
  }

  static void print(PrintWriter out, Facts f) {
    out.println();
    out.println("MQTT Guard on " + f.broker() + " (configuration: " + f.configDir() + ")");
    out.printf(
        "  listener tcp  mqtt://localhost:%-6d %s%n", f.port(), listener(f, ServeAccounts.TCP));
    out.printf(
        "  listener tls  mqtts://localhost:%-5d %s%n", f.tlsPort(), listener(f, ServeAccounts.TLS));
    out.println(
        "  TLS: "
            + f.tls().source()
            + " in "
            + f.configDir().resolve(DemoPki.DIR)
            + (f.tls().generated() ? " (demo PKI generated now)" : "")
            + (f.tls().truststore() == null
                ? "; no client certificate CAs (ca.pem or truststore.p12): none asked for"
                : "; client certificates optional"));
    out.println();
    users(out, f);
    out.println();
    examples(out, f);
    out.println();
    out.println("Ctrl-C stops the broker.");
  }

  private static String listener(Facts f, String name) {
    ListenerPolicy p = f.snapshot().auth().settings().policyFor(name);
    StringBuilder b = new StringBuilder("authentication ").append(p.mode().jsonName());
    if (name.equals(ServeAccounts.TCP)) {
      b.append(
          p.requireTlsForPassword()
              ? ", passwords refused without TLS"
              : ", passwords allowed without TLS");
    } else {
      b.append(", ").append(p.minTlsVersion()).append(" or newer");
    }
    if (p.allowAnonymous()) {
      b.append(", anonymous clients allowed");
    }
    return b.toString();
  }

  private static void users(PrintWriter out, Facts f) {
    JsonNode users = ServeAccounts.readJson(f.configDir().resolve("users.json")).path("users");
    if (!users.isObject() || users.isEmpty()) {
      out.println("Users: none in users.json");
    } else {
      out.println("Users (users.json; passwords and hashes are never shown):");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> roles = new ArrayList<>();
      e.getValue().path("roles").forEach(r -> roles.add(r.asText()));
      String state =
          e.getValue().path("disabled").asBoolean(false)
              ? "disabled"
              : e.getValue().hasNonNull("password") ? "password" : "no password";
      out.printf("  %-12s roles %-20s %s%n", e.getKey(), String.join(",", roles), state);
    }
    int rules = f.snapshot().auth().users().certificateRuleCount();
    if (rules > 0) {
      out.println("  " + rules + " certificate mapping rule(s)");
    }
    List<String> demo = new ArrayList<>();
    for (ServeAccounts.Account a : f.examples().users) {
      if (a.password() != null) {
        demo.add(a.username() + " " + a.password());
      }
    }
    if (!demo.isEmpty()) {
      out.println("  quickstart demo passwords (public, demo only): " + String.join(", ", demo));
    }
  }

  private static void examples(PrintWriter out, Facts f) {
    ServeExamples x = f.examples();
    if (x.works.isEmpty()) {
      out.println(
          "No example command can work with this configuration: no enabled password user whose"
              + " roles grant a topic, on a listener that accepts its password alone.");
    } else {
      out.println("These work:");
      x.works.forEach(e -> out.println("  " + render(e)));
    }
    if (!x.denied.isEmpty()) {
      out.println();
      out.println("These are denied:");
      x.denied.forEach(e -> out.println("  " + render(e)));
      if (!f.mqtt5()) {
        out.println(
            "  (MQTT 3.1.1 has no negative PUBACK: a denied publish closes the connection;"
                + " a denied subscription gets return code 0x80)");
      }
    }
    if (java.util.stream.Stream.concat(x.works.stream(), x.denied.stream())
        .anyMatch(e -> e.command().contains("'<"))) {
      out.println();
      out.println("Replace each '<...>' placeholder with the secret it names.");
    }
  }

  private static String render(ServeExamples.Example e) {
    return e.note().isEmpty() ? e.command() : e.command() + "   # " + e.note();
  }

  /** The launcher script of this checkout when there is one, else {@code mqtt-guard}. */
  private static String launcher() {
    Path script = Launcher.home().resolve("mqtt-guard");
    return Files.isRegularFile(script) ? script.toString() : "mqtt-guard";
  }
}
