package io.mqttguard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttguard.audit.AuditText;
import java.io.IOException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s view of the audit log: one concise console line per decision an operator trying
 * things out wants to see (a refused CONNECT, a denied PUBLISH or SUBSCRIBE, a refused payload, a
 * revoked client, an applied reload). Built from the audit events' JSON lines (logger {@code
 * io.mqttguard.audit}), which never carry a secret; allowed CONNECTs, re-checks and rejected
 * reloads (logged as an error already) print nothing. Stateless rendering; thread-safe.
 */
final class AuditConsole {
  /** The prefix of audit lines the Moquette child writes on its stdout. */
  static final String CHILD_PREFIX = "audit ";

  static final String AUDIT_LOGGER = "io.mqttguard.audit";

  /**
   * HiveMQ's logger of the disconnects it decides itself, among them a PUBLISH that the permissions
   * MQTT Guard installed deny (HiveMQ offers no callback for those, so they are not audited).
   */
  static final String HIVEMQ_DISCONNECTS =
      "com.hivemq.mqtt.handler.disconnect.MqttServerDisconnectorImpl";

  private static final int TEXT = AuditText.TEXT_CHARS;
  private static final String CLIENT = "Client '";
  private static final String IP = "' (IP: ";
  private static final String NOT_AUTHORIZED = ") is not authorized to publish on topic '";
  private static final String WITH_QOS = "' with QoS '";
  private static final String DENIED_TOPIC_PREFIX = "mqtt-guard/denied/";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditConsole() {}

  /** The console line for one audit event as JSON, or {@code null} if it shows nothing. */
  static @Nullable String line(String json) {
    JsonNode e;
    try {
      e = MAPPER.readTree(json);
    } catch (IOException ex) {
      return null;
    }
    if (e == null || !e.isObject()) {
      return null;
    }
    String event = text(e, "event");
    String outcome = text(e, "outcome");
    if (event.equals("reload")) {
      return outcome.equals("allow") ? reloaded(e.path("details")) : null;
    }
    if (outcome.equals("allow") || event.equals("recheck")) {
      return null;
    }
    if (text(e, "reasonCode").equals("CONNECTION_CLOSED")) {
      // the Moquette adapter closing a connection after a refusal (3.1.1 has no negative PUBACK)
      return "closed the connection of "
          + who(e)
          + " after its "
          + event
          + ": "
          + detail(e, "detail");
    }
    String what =
        switch (event) {
          case "connect" -> "refused CONNECT";
          case "publish" -> "denied PUBLISH to '" + detail(e, "topic") + "'";
          case "subscribe" -> "denied SUBSCRIBE to '" + detail(e, "topic") + "'";
          case "payload" -> "refused payload on '" + detail(e, "topic") + "'";
          case "revoke" -> "revoked";
          default -> event + " " + outcome;
        };
    return what + " " + who(e) + ": " + why(e, event);
  }

  /**
   * The console line for a HiveMQ disconnect message about a PUBLISH its permissions denied, or
   * {@code null} for any other message (and for the reserved topic MQTT Guard's interceptor
   * substitutes: that deny is audited already).
   */
  static @Nullable String hiveMqLine(String message) {
    // "Client '<id>' (IP: <ip>) is not authorized to publish on topic '<topic>' with QoS '<q>'
    // and retain '<r>'. Disconnecting client."
    int id = message.indexOf(CLIENT);
    int ip = message.indexOf(IP, id + 1);
    int topic = message.indexOf(NOT_AUTHORIZED, ip + 1);
    int qos = message.lastIndexOf(WITH_QOS);
    if (id != 0 || ip < 0 || topic < 0 || qos < topic) {
      return null;
    }
    String name = AuditText.sanitize(message.substring(topic + NOT_AUTHORIZED.length(), qos), TEXT);
    if (name.startsWith(DENIED_TOPIC_PREFIX)) {
      return null;
    }
    int ipEnd = message.indexOf(')', ip);
    return "denied PUBLISH to '"
        + name
        + "' client '"
        + AuditText.sanitize(message.substring(CLIENT.length(), ip), TEXT)
        + "' from "
        + AuditText.sanitize(
            message.substring(ip + IP.length(), ipEnd < 0 ? ip + IP.length() : ipEnd), TEXT)
        + ": NOT_AUTHORIZED (HiveMQ enforced MQTT Guard's publish permissions; client"
        + " disconnected)";
  }

  private static String reloaded(JsonNode d) {
    String changed = d.path("changedFiles").asText("");
    return "reloaded "
        + (changed.isEmpty() ? "the configuration" : changed.replace(",", ", "))
        + ": generation "
        + d.path("generation").asText("?")
        + ", "
        + d.path("warnings").asText("0")
        + " warnings; "
        + d.path("recheckedSessions").asText("?")
        + " live sessions re-checked, "
        + d.path("revokedSessions").asText("?")
        + " revoked";
  }

  private static String who(JsonNode e) {
    StringBuilder b = new StringBuilder("client '").append(text(e, "clientId")).append('\'');
    if (e.hasNonNull("username")) {
      b.append(" user '").append(text(e, "username")).append('\'');
    }
    if (e.hasNonNull("listener")) {
      b.append(" on ").append(text(e, "listener"));
    }
    if (e.hasNonNull("remoteAddress")) {
      b.append(" from ").append(text(e, "remoteAddress"));
    }
    return b.toString();
  }

  private static String why(JsonNode e, String event) {
    StringBuilder b = new StringBuilder(text(e, "reasonCode"));
    String detail = event.equals("connect") ? detail(e, "detail") : detail(e, "reason");
    if (!detail.isEmpty()) {
      b.append(" (").append(detail).append(')'); // a rule's reason names the rule
    } else if (e.hasNonNull("decidedBy") && !event.equals("connect")) {
      b.append(", rule ").append(text(e, "decidedBy"));
    }
    return b.toString();
  }

  private static String text(JsonNode e, String field) {
    return e.path(field).asText("");
  }

  private static String detail(JsonNode e, String field) {
    return e.path("details").path(field).asText("");
  }

  /**
   * Shows the audit events of this JVM (HiveMQ CE and its extension log through it) on {@code out},
   * one line each; {@link Handle#close()} silences them again.
   */
  static Handle attach(PrintWriter out) {
    Handle audit = attach(AUDIT_LOGGER, Level.INFO, out, AuditConsole::line);
    Handle hivemq = attach(HIVEMQ_DISCONNECTS, Level.DEBUG, out, AuditConsole::hiveMqLine);
    return () -> {
      hivemq.close();
      audit.close();
    };
  }

  private static Handle attach(
      String name,
      Level level,
      PrintWriter out,
      java.util.function.Function<String, @Nullable String> render) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger logger = ctx.getLogger(name);
    Level before = logger.getLevel();
    boolean additive = logger.isAdditive();
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            String l = render.apply(event.getFormattedMessage());
            if (l != null) {
              synchronized (out) {
                out.println(l);
                out.flush();
              }
            }
          }
        };
    appender.setContext(ctx);
    appender.setName("mqtt-guard-serve-console");
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false); // these lines stay out of the console's log appender
    logger.setLevel(level);
    return () -> {
      logger.setLevel(before);
      logger.setAdditive(additive);
      logger.detachAppender(appender);
      appender.stop();
    };
  }

  /** Detaches the console view. */
  @FunctionalInterface
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }
}
