package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadVerdict;
import io.mqttguard.payload.RefusalReason;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload that changes payload.json keeps the nonce memory and the key usage counts. */
class PayloadReloadTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
    c.write("keys.json", PayloadFacadeTest.KEYS);
    c.write("payload.json", PayloadFacadeTest.PAYLOAD);
  }

  @Test
  void payloadJsonEdited_envelopeAcceptedBefore_isStillAReplayAfterTheReload() throws Exception {
    byte[] envelope =
        PayloadSealer.create(
                Keyset.parse("keys.json", PayloadFacadeTest.KEYS.getBytes(UTF_8)),
                c.clock,
                ConfigDir.RANDOM)
            .seal("plant/secure/x", "21.5".getBytes(UTF_8));
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(alice.inbound("plant/secure/x", 1, false, envelope).delivered()).isTrue();

      c.write(
          "payload.json",
          """
          {"rules": [{"topics": ["plant/secure/#"], "action": "decrypt", "keys": [1]},
                     {"topics": ["plant/other/#"], "action": "require-protected"}]}
          """);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);

      InboundPublish again = alice.inbound("plant/secure/x", 1, false, envelope);
      assertThat(((InboundPublish.Checked) again).payload())
          .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
      assertThat(g.metrics().keyUsage()).isEqualTo(Map.of(1L, 1L));
    }
  }
}
