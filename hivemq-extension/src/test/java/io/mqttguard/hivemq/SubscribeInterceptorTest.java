package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.client.parameter.ClientInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.subscribe.ModifiableSubscribePacket;
import com.hivemq.extension.sdk.api.packets.subscribe.ModifiableSubscription;
import io.mqttguard.acl.PublishGrants;
import io.mqttguard.guard.EnforcementPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE decisions, and their ordering against a concurrent reload. */
class SubscribeInterceptorTest {
  private static final String DENIED = ClientHooks.DENIED_PREFIX + "test";
  private static final EnforcementPlan NATIVE =
      new EnforcementPlan(PublishGrants.of(), false, false);

  private final LiveConnections sessions = new LiveConnections((task, delay) -> {}, Duration.ZERO);
  private final List<DisconnectReasonCode> disconnects = new ArrayList<>();
  private final ReloadRecheck recheck =
      new ReloadRecheck(sessions, (session, code, why) -> disconnects.add(code));
  private final SubscribeInterceptor interceptor = new SubscribeInterceptor(sessions, DENIED);
  private final FakeSession session = new FakeSession("d1");
  private final FakeStore store = new FakeStore();
  private final Connection connection;

  SubscribeInterceptorTest() {
    sessions.add(store, session, Duration.ZERO, true, null);
    connection = Objects.requireNonNull(sessions.connection("d1", store));
    connection.installed(new ClientHooks.Installed(NATIVE, true, false, false));
    session.plan = NATIVE;
  }

  /** Runs the interceptor on a SUBSCRIBE of {@code filters} (QoS 1); returns the filters after. */
  private List<String> subscribe(String... filters) {
    List<String[]> subs = new ArrayList<>();
    List<ModifiableSubscription> list = new ArrayList<>();
    for (String f : filters) {
      String[] current = {f};
      subs.add(current);
      list.add(
          Fakes.of(
              ModifiableSubscription.class,
              Map.of(
                  "getTopicFilter", a -> current[0],
                  "getQos", a -> Qos.AT_LEAST_ONCE,
                  "setTopicFilter", a -> current[0] = (String) a[0])));
    }
    ModifiableSubscribePacket packet =
        Fakes.of(ModifiableSubscribePacket.class, Map.of("getSubscriptions", a -> list));
    ClientInformation info = Fakes.of(ClientInformation.class, Map.of("getClientId", a -> "d1"));
    ConnectionInformation conn =
        Fakes.of(ConnectionInformation.class, Map.of("getConnectionAttributeStore", a -> store));
    interceptor.onInboundSubscribe(
        Fakes.of(
            SubscribeInboundInput.class,
            Map.of("getClientInformation", a -> info, "getConnectionInformation", a -> conn)),
        Fakes.of(SubscribeInboundOutput.class, Map.of("getSubscribePacket", a -> packet)));
    return subs.stream().map(s -> s[0]).toList();
  }

  @Test
  void allowedFilters_stayAndAreRecorded_deniedOnesBecomeTheDeniedTopic() {
    session.allowedFilters.add("dev/d1/#");

    assertThat(subscribe("dev/d1/#", "dev/#")).containsExactly("dev/d1/#", DENIED);
    assertThat(connection.subscriptions()).containsExactly(Map.entry("dev/d1/#", 1));
  }

  @Test
  void reloadBetweenTheDecisionAndHiveMqAddingTheSubscription_stillSeesTheFilter() {
    session.allowedFilters.add("dev/d1/#");
    session.duringSubscribe =
        () -> {
          session.duringSubscribe = () -> {}; // once
          session.allowedFilters.clear(); // the reload withdraws the right ...
          recheck.recheck(session, connection); // ... and re-checks live connections
        };

    assertThat(subscribe("dev/d1/#")).containsExactly("dev/d1/#");

    assertThat(disconnects)
        .as("allowed under the old policy, so the reload must catch it")
        .containsExactly(DisconnectReasonCode.NOT_AUTHORIZED);
  }
}
