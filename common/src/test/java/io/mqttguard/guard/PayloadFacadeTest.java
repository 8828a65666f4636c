package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadVerdict;
import io.mqttguard.payload.RefusalReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbound PUBLISH path: ACL first, then payload rules. */
class PayloadFacadeTest {
  static final String KEYS =
      """
      {"keys": [{"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"}]}
      """
          .formatted(Base64.getEncoder().encodeToString(new byte[32]));
  static final String PAYLOAD =
      """
      {"rules": [{"topics": ["plant/secure/#"], "action": "decrypt", "keys": [1]}]}
      """;

  /** One HMAC-SHA256 key, id 4 (for {@link #KEPT_STAMP_PAYLOAD}). */
  static final String HMAC_KEYS =
      """
      {"keys": [{"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"}]}
      """
          .formatted(Base64.getEncoder().encodeToString(new byte[32]));

  /** A verify-hmac rule on plant/secure/# that forwards the stamp as received. */
  static final String KEPT_STAMP_PAYLOAD =
      """
      {"rules": [{"topics": ["plant/secure/#"], "action": "verify-hmac", "keys": [4],
                  "keepStamp": true}]}
      """;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
    c.write("keys.json", KEYS);
    c.write("payload.json", PAYLOAD);
  }

  byte[] seal(String topic, String text) throws Exception {
    return PayloadSealer.create(
            Keyset.parse("keys.json", KEYS.getBytes(UTF_8)), c.clock, ConfigDir.RANDOM)
        .seal(topic, text.getBytes(UTF_8));
  }

  @Test
  void allowedPublisher_sealedPayload_isReplacedByPlaintext() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      assertThat(g.snapshot().payloadEnabled()).isTrue();
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      InboundPublish r = alice.inbound("plant/secure/x", 1, false, seal("plant/secure/x", "21.5"));
      assertThat(r.delivered()).isTrue();
      assertThat(((InboundPublish.Checked) r).payload())
          .isInstanceOfSatisfying(
              PayloadVerdict.Replaced.class,
              p -> assertThat(new String(p.payload(), UTF_8)).isEqualTo("21.5"));
      assertThat(g.metrics().count(GuardMetric.PAYLOAD_REPLACED)).isEqualTo(1);
    }
  }

  @Test
  void publisherWithoutTheRight_isDeniedBeforeThePayloadIsLookedAt() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));
      InboundPublish r = bob.inbound("plant/secure/x", 1, false, "garbage".getBytes(UTF_8));
      assertThat(r).isInstanceOf(InboundPublish.Denied.class);
      assertThat(r.delivered()).isFalse();
      assertThat(g.metrics().count(GuardMetric.PAYLOAD_REFUSED)).isZero();
      assertThat(g.metrics().count(GuardMetric.PUBLISH_DENIED)).isEqualTo(1);
      assertThat(c.events("payload")).isEmpty();
    }
  }

  @Test
  void tamperedOrReplayedPayload_isRefused_evenAcrossAnUnrelatedReload() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      byte[] sealed = seal("plant/secure/x", "open the valve");
      byte[] tampered = sealed.clone();
      tampered[tampered.length - 1] ^= 1;
      assertThat(refusal(alice.inbound("plant/secure/x", 1, false, tampered)))
          .isEqualTo(RefusalReason.AUTHENTICATION_FAILED);
      assertThat(alice.inbound("plant/secure/x", 1, false, sealed).delivered()).isTrue();
      c.write("acl.json", ConfigDir.ACL + "\n");
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(refusal(alice.inbound("plant/secure/x", 1, false, sealed)))
          .isEqualTo(RefusalReason.REPLAYED);
      assertThat(g.metrics().count(GuardMetric.PAYLOAD_REFUSED)).isEqualTo(2);
    }
  }

  static RefusalReason refusal(InboundPublish r) {
    assertThat(r).isInstanceOf(InboundPublish.Checked.class);
    PayloadVerdict o = ((InboundPublish.Checked) r).payload();
    assertThat(o).isInstanceOf(PayloadVerdict.Refused.class);
    return ((PayloadVerdict.Refused) o).reason();
  }

  @Test
  void unprotectedTopic_passesThrough() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(
              ((InboundPublish.Checked) alice.inbound("plant/open", 0, false, new byte[3]))
                  .payload())
          .isEqualTo(PayloadVerdict.passThrough());
    }
  }

  @Test
  void payloadJsonWithoutKeys_refusesToStart() throws Exception {
    Files.delete(tmp.resolve("keys.json"));
    assertThatThrownBy(() -> Guard.open(c.options()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs keys.json");
  }

  @Test
  void withoutPayloadFiles_payloadIsOff() throws Exception {
    Files.delete(tmp.resolve("keys.json"));
    Files.delete(tmp.resolve("payload.json"));
    try (Guard g = Guard.open(c.options())) {
      assertThat(g.snapshot().payloadEnabled()).isFalse();
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(alice.inbound("plant/secure/x", 0, false, new byte[3]).delivered()).isTrue();
    }
  }
}
