package io.mqttguard.hivemq;

import static io.mqttguard.guard.WillPayloads.PASS_THROUGH_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import io.mqttguard.acl.PublishGrants;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.EnforcementPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReloadRecheckTest {
  private static final PublishGrants GRANTS =
      PublishGrants.of(new PublishGrant(Effect.ALLOW, "dev/d1/#", 2, null));
  private static final EnforcementPlan NATIVE = new EnforcementPlan(GRANTS, false, false);

  private final List<DisconnectReasonCode> disconnects = new ArrayList<>();
  private final ReloadRecheck recheck =
      new ReloadRecheck(
          new LiveConnections((task, delay) -> {}, LiveConnections.CLOSE_GRACE),
          (session, code, reason) -> disconnects.add(code));
  private final FakeSession session = new FakeSession("d1");
  private final Connection connection = new Connection(true, null);

  /** The connection holds an allowed subscription to {@code filter}. */
  private void subscribed(String filter, int qos) {
    var unused = connection.subscribing(filter, qos);
  }

  private void installed(EnforcementPlan plan, boolean nativeGrants, boolean in, boolean out) {
    connection.installed(new ClientHooks.Installed(plan, nativeGrants, in, out));
  }

  @Test
  void unchangedPlan_andSubscriptionsStillAllowed_keepTheClient() {
    installed(NATIVE, true, false, false);
    session.plan = NATIVE;
    subscribed("dev/d1/cmd", 1);
    session.allowedFilters.add("dev/d1/cmd");

    recheck.recheck(session, connection);

    assertThat(disconnects).isEmpty();
  }

  @Test
  void changedNativeGrants_disconnectWithAdministrativeAction() {
    installed(NATIVE, true, false, false);
    session.plan =
        new EnforcementPlan(
            PublishGrants.of(new PublishGrant(Effect.ALLOW, "dev/+/#", 2, null)), false, false);

    recheck.recheck(session, connection);

    assertThat(disconnects).containsExactly(DisconnectReasonCode.ADMINISTRATIVE_ACTION);
  }

  @Test
  void newDenyReceive_withoutDeliveryInterceptor_disconnects() {
    installed(NATIVE, true, false, false);
    session.plan = new EnforcementPlan(GRANTS, true, false);

    recheck.recheck(session, connection);

    assertThat(disconnects).containsExactly(DisconnectReasonCode.ADMINISTRATIVE_ACTION);
  }

  @Test
  void newPayloadRules_withoutInboundInterceptor_disconnects() {
    installed(NATIVE, true, false, false);
    session.plan = new EnforcementPlan(GRANTS, false, true);

    recheck.recheck(session, connection);

    assertThat(disconnects).containsExactly(DisconnectReasonCode.ADMINISTRATIVE_ACTION);
  }

  @Test
  void changedPlan_coveredByTheInterceptorsInstalled_keepsTheClient() {
    EnforcementPlan perMessage = new EnforcementPlan(null, true, true);
    installed(perMessage, false, true, true);
    session.plan =
        new EnforcementPlan(
            PublishGrants.of(new PublishGrant(Effect.ALLOW, "x", 0, null)), true, false);

    recheck.recheck(session, connection);

    assertThat(disconnects).isEmpty();
  }

  @Test
  void lostSubscription_withoutDeliveryChecks_disconnectsWithNotAuthorized() {
    installed(NATIVE, true, false, false);
    session.plan = NATIVE;
    subscribed("dev/d1/cmd", 1);

    recheck.recheck(session, connection);

    assertThat(disconnects).containsExactly(DisconnectReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void lostSubscription_withDeliveryChecks_isLeftToThem() {
    EnforcementPlan checked = new EnforcementPlan(GRANTS, true, false);
    installed(checked, true, false, true);
    session.plan = checked;
    subscribed("dev/d1/cmd", 1);

    recheck.recheck(session, connection);

    assertThat(disconnects).isEmpty();
  }

  @Test
  void revokedSession_orNothingInstalledYet_isLeftAlone() {
    session.plan = NATIVE;
    recheck.recheck(session, connection);
    installed(NATIVE, true, false, false);
    session.plan = null;
    recheck.recheck(session, connection);

    assertThat(disconnects).isEmpty();
  }

  @Test
  void willThatTheNewPolicyRefuses_disconnectsWithoutIt() {
    Connection withWill =
        new Connection(
            true,
            AcceptedWill.asReceived("alarms/door", 1, false, new byte[] {1}, PASS_THROUGH_ONLY));
    withWill.installed(new ClientHooks.Installed(NATIVE, true, false, false));
    session.plan = NATIVE;
    session.allowedPublishTopics.add("alarms/door");
    recheck.recheck(session, withWill);
    assertThat(disconnects).as("will still allowed").isEmpty();

    session.allowedPublishTopics.clear();
    recheck.recheck(session, withWill);

    assertThat(disconnects).containsExactly(DisconnectReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void willRefused_evenWhenTheInterceptorsCoverTheNewPlan() {
    EnforcementPlan perMessage = new EnforcementPlan(null, true, true);
    Connection withWill =
        new Connection(
            true, AcceptedWill.asReceived("alarms/door", 0, true, new byte[0], PASS_THROUGH_ONLY));
    withWill.installed(new ClientHooks.Installed(perMessage, false, true, true));
    session.plan = perMessage;

    recheck.recheck(session, withWill);

    assertThat(disconnects).containsExactly(DisconnectReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void unsubscribedFilter_isNoLongerRechecked() {
    installed(NATIVE, true, false, false);
    session.plan = NATIVE;
    subscribed("dev/d1/cmd", 1);
    connection.unsubscribed("dev/d1/cmd");

    recheck.recheck(session, connection);

    assertThat(disconnects).isEmpty();
  }
}
