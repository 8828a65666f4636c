package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.Decision;
import io.mqttguard.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code topicLimits} of guard.json, as a live session applies them. */
class TopicLimitsSessionTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void configuredLimits_refuseDeepTopics_beforeTheRules_andEveryRefusalIsAudited()
      throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    c.write(
        "guard.json",
        """
        {"defaultListener": {"requireTlsForPassword": false},
         "topicLimits": {"maxLevels": 4, "maxBytes": 64}}
        """);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(alice.subscribe("plant/a/b/#", 1).allowed()).isTrue();
      Decision deep = alice.subscribe("plant/a/b/c/#", 1);
      assertThat(deep.allowed()).isFalse();
      assertThat(deep.basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
      assertThat(alice.publish("plant/a/b/c/d", 0, false, 1).allowed()).isFalse();
      assertThat(alice.inbound("plant/" + "x".repeat(64), 0, false, new byte[1]))
          .isInstanceOf(InboundPublish.Denied.class);
      assertThat(alice.withinTopicLimits("unsubscribe", "plant/a/b/c/#")).isFalse();
      assertThat(alice.withinTopicLimits("unsubscribe", "plant/a/b/#")).isTrue();
      assertThat(c.events("subscribe"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("basis", "INVALID_REQUEST"));
      assertThat(c.events("unsubscribe")).hasSize(1);
      assertThat(c.events("publish")).hasSize(2);
    }
  }

  @Test
  void withoutTopicLimits_theDefaultsApply() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(alice.subscribe("plant" + "/x".repeat(255), 0).allowed()).isTrue();
      assertThat(alice.subscribe("plant" + "/x".repeat(256), 0).allowed()).isFalse();
      assertThat(alice.withinTopicLimits("subscribe", "plant/" + "/".repeat(3000))).isFalse();
    }
  }

  @Test
  void limitsOutsideTheirRange_areLoadErrorsNamingThePointer() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    c.write("guard.json", "{\"topicLimits\": {\"maxLevels\": 4000}}");
    try (Guard g = Guard.open(c.options())) {
      throw new AssertionError("opened with maxLevels 4000: " + g);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).contains("guard.json").contains("/topicLimits/maxLevels");
    }
  }
}
