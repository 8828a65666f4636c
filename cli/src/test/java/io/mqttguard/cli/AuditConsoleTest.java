package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditConsoleTest {
  @Test
  void line_refusedConnect_namesClientUserListenerAndReason_withoutSecrets() {
    String json =
        "{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"connect\",\"outcome\":\"deny\","
            + "\"clientId\":\"alice\",\"username\":\"alice\",\"remoteAddress\":\"127.0.0.1\","
            + "\"listener\":\"tcp\",\"reasonCode\":\"BAD_USER_NAME_OR_PASSWORD\","
            + "\"details\":{\"detail\":\"wrong password\",\"passwordPresent\":\"true\"}}";

    assertThat(AuditConsole.line(json))
        .isEqualTo(
            "refused CONNECT client 'alice' user 'alice' on tcp from 127.0.0.1:"
                + " BAD_USER_NAME_OR_PASSWORD (wrong password)");
  }

  @Test
  void line_deniedPublish_namesTheClientsTopicAndTheRule() {
    String json =
        "{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"publish\",\"outcome\":\"deny\","
            + "\"clientId\":\"s1\",\"username\":\"s1\",\"listener\":\"tcp\","
            + "\"reasonCode\":\"NOT_AUTHORIZED\",\"decidedBy\":\"sensor[0]\","
            + "\"details\":{\"topic\":\"a/b\",\"basis\":\"RULE\",\"reason\":\"denied\"}}";

    assertThat(AuditConsole.line(json))
        .isEqualTo("denied PUBLISH to 'a/b' client 's1' user 's1' on tcp: NOT_AUTHORIZED (denied)");
  }

  @Test
  void line_appliedReload_namesChangedFilesAndSessionCounts() {
    String json =
        "{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"reload\",\"outcome\":\"allow\","
            + "\"reasonCode\":\"RELOADED\",\"details\":{\"generation\":\"2\","
            + "\"changedFiles\":\"acl.json\",\"recheckedSessions\":\"3\","
            + "\"revokedSessions\":\"1\",\"warnings\":\"0\"}}";

    assertThat(AuditConsole.line(json))
        .isEqualTo(
            "reloaded acl.json: generation 2, 0 warnings; 3 live sessions re-checked, 1 revoked");
  }

  @Test
  void line_allowedConnectAndRejectedReload_printNothing() {
    assertThat(
            AuditConsole.line(
                "{\"time\":\"t\",\"event\":\"connect\",\"outcome\":\"allow\",\"clientId\":\"a\"}"))
        .isNull();
    assertThat(
            AuditConsole.line(
                "{\"time\":\"t\",\"event\":\"reload\",\"outcome\":\"error\","
                    + "\"reasonCode\":\"RELOAD_REJECTED\"}"))
        .isNull();
    assertThat(AuditConsole.line("not json")).isNull();
  }

  @Test
  void line_moquetteAdapterClosingAConnection_isNotAnotherDeniedPublish() {
    String json =
        "{\"time\":\"t\",\"event\":\"publish\",\"outcome\":\"deny\",\"clientId\":\"m7\","
            + "\"reasonCode\":\"CONNECTION_CLOSED\",\"decidedBy\":\"moquette-adapter\","
            + "\"details\":{\"adapter\":\"moquette\",\"detail\":\"publish denied\"}}";

    assertThat(AuditConsole.line(json))
        .isEqualTo("closed the connection of client 'm7' after its publish: publish denied");
  }

  @Test
  void hiveMqLine_nativePublishDeny_namesTheClientsTopic() {
    assertThat(
            AuditConsole.hiveMqLine(
                "Client 'alice' (IP: 127.0.0.1) is not authorized to publish on topic"
                    + " 'sensors/s1/temp' with QoS '1' and retain 'false'. Disconnecting client."))
        .isEqualTo(
            "denied PUBLISH to 'sensors/s1/temp' client 'alice' from 127.0.0.1: NOT_AUTHORIZED"
                + " (HiveMQ enforced MQTT Guard's publish permissions; client disconnected)");
  }

  @Test
  void hiveMqLine_reservedDeniedTopicAndOtherMessages_printNothing() {
    assertThat(
            AuditConsole.hiveMqLine(
                "Client 'a' (IP: 127.0.0.1) is not authorized to publish on topic"
                    + " 'mqtt-guard/denied/123' with QoS '1' and retain 'false'. Disconnecting"
                    + " client."))
        .isNull();
    assertThat(AuditConsole.hiveMqLine("Client 'a' (IP: 1.2.3.4) sent a CONNECT twice.")).isNull();
  }
}
