package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import io.mqttguard.acl.PublishGrants;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClientSession#plan()} follows the snapshot in force. */
class EnforcementPlanTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void plan_exportsTheResolvedPublishRules_andNeedsNoPerMessageChecks() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));

      assertThat(bob.plan())
          .isEqualTo(
              new EnforcementPlan(
                  PublishGrants.of(new PublishGrant(Effect.ALLOW, "sensors/bob/#", 2, null)),
                  false,
                  false));
    }
  }

  @Test
  void plan_afterAReload_reflectsTheNewRules_andIsNullOnceRevoked() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      EnforcementPlan before = plan(alice);
      assertThat(before.deliveryChecks()).isFalse();
      assertThat(before.inboundChecks()).isFalse();

      c.write(
          "acl.json",
          ConfigDir.ACL.replace(
              "\"topics\": [\"plant/#\"]}]",
              "\"topics\": [\"plant/#\"]},"
                  + " {\"effect\": \"deny\", \"actions\": [\"receive\"], \"topics\": [\"plant/x\"]},"
                  + " {\"effect\": \"allow\", \"actions\": [\"publish\"], \"topics\": [\"big\"],"
                  + " \"maxPayloadBytes\": 10}]"));
      var unused = g.reload();
      EnforcementPlan after = plan(alice);
      assertThat(after.deliveryChecks()).as("deny receive").isTrue();
      assertThat(after.publishGrants()).as("size limit: not expressible").isNull();
      assertThat(after.inboundChecks()).isTrue();

      c.write("users.json", ConfigDir.USERS.replace("\"alice\"", "\"alicia\""));
      unused = g.reload();
      assertThat(alice.plan()).isEqualTo(Enforcement.Revoked.INSTANCE);
    }
  }

  @Test
  void payloadRules_countOnlyForClientsThatMayPublishOnTheirTopics() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    c.write("keys.json", PayloadFacadeTest.KEYS);
    c.write("payload.json", PayloadFacadeTest.PAYLOAD); // decrypt plant/secure/#
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw"))); // plant/#
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw"))); // sensors/bob/#

      assertThat(plan(alice).payloadRules()).isTrue();
      assertThat(plan(alice).inboundChecks()).isTrue();
      assertThat(plan(bob).payloadRules()).isFalse();
      assertThat(plan(bob).inboundChecks()).isFalse();
    }
  }

  private static EnforcementPlan plan(ClientSession session) {
    return (EnforcementPlan) session.plan();
  }
}
