package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.configuration.service.impl.ConfigurationServiceImpl;
import com.hivemq.configuration.service.impl.RestrictionsConfigurationServiceImpl;
import com.hivemq.configuration.service.impl.SecurityConfigurationServiceImpl;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.ClientInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.builder.TopicPermissionBuilder;
import com.hivemq.extensions.services.builder.TopicPermissionBuilderImpl;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import io.mqttguard.acl.PublishGrants;
import io.mqttguard.guard.EnforcementPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The client initializer installs exactly what a connection's plan needs, and fails closed (deny
 * everything, every interceptor, a disconnect after the CONNACK) when it cannot.
 */
class ClientHooksTest {
  private static final String DENIED = ClientHooks.DENIED_PREFIX + "test";
  private static final EnforcementPlan NATIVE =
      new EnforcementPlan(
          PublishGrants.of(new PublishGrant(Effect.ALLOW, "dev/d1/#", 2, null)), false, false);

  private final List<Runnable> scheduled = new ArrayList<>();
  private final List<String> disconnected = new ArrayList<>();
  private final LiveConnections sessions = new LiveConnections((task, delay) -> {}, Duration.ZERO);
  private final Disconnects disconnects =
      new Disconnects(
          sessions,
          (clientId, code, why) -> {
            disconnected.add(clientId + " " + code);
            return CompletableFuture.completedFuture(true);
          },
          (task, delay) -> scheduled.add(task));
  private final ReloadRecheck recheck = new ReloadRecheck(sessions, disconnects);

  /** What the initializer did to the connection. */
  private final List<String> interceptors = new ArrayList<>();

  private final List<TopicPermission> permissions = new ArrayList<>();
  private DefaultAuthorizationBehaviour behaviour = DefaultAuthorizationBehaviour.ALLOW;

  private static TopicPermissionBuilder builder() {
    return new TopicPermissionBuilderImpl(
        new ConfigurationServiceImpl(
            null,
            null,
            new RestrictionsConfigurationServiceImpl(),
            new SecurityConfigurationServiceImpl(),
            null,
            null));
  }

  private ClientHooks hooks(Supplier<TopicPermissionBuilder> builders) {
    return new ClientHooks(sessions, builders, recheck, disconnects, DENIED);
  }

  private void initialize(ClientHooks hooks, String clientId, FakeStore store) {
    ClientInformation info =
        Fakes.of(ClientInformation.class, Map.of("getClientId", a -> clientId));
    ConnectionInformation connection =
        Fakes.of(ConnectionInformation.class, Map.of("getConnectionAttributeStore", a -> store));
    InitializerInput input =
        Fakes.of(
            InitializerInput.class,
            Map.of("getClientInformation", a -> info, "getConnectionInformation", a -> connection));
    hooks.initialize(input, context());
  }

  @SuppressWarnings("unchecked")
  private ClientContext context() {
    ModifiableDefaultPermissions defaults =
        Fakes.of(
            ModifiableDefaultPermissions.class,
            Map.of(
                "clear", a -> clear(),
                "setDefaultBehaviour", a -> behaviour = (DefaultAuthorizationBehaviour) a[0],
                "addAll", a -> permissions.addAll((List<TopicPermission>) a[0]),
                "add", a -> permissions.add((TopicPermission) a[0])));
    return Fakes.of(
        ClientContext.class,
        Map.of(
            "getDefaultPermissions", a -> defaults,
            "addSubscribeInboundInterceptor", a -> interceptors.add("subscribe"),
            "addUnsubscribeInboundInterceptor", a -> interceptors.add("unsubscribe"),
            "addPublishInboundInterceptor", a -> interceptors.add("inbound"),
            "addPublishOutboundInterceptor", a -> interceptors.add("outbound")));
  }

  private boolean clear() {
    permissions.clear();
    return true; // the answer of a void method is ignored
  }

  private FakeStore accepted(FakeSession session, boolean cleanStart) {
    FakeStore store = new FakeStore();
    sessions.add(store, session, Duration.ZERO, cleanStart, null);
    return store;
  }

  private void runScheduled() {
    List<Runnable> due = List.copyOf(scheduled);
    scheduled.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void exactPublishRules_becomePermissions_andOnlySubscribeCallbacksAreAdded() {
    FakeSession session = new FakeSession("d1");
    session.plan = NATIVE;
    FakeStore store = accepted(session, true);

    initialize(hooks(ClientHooksTest::builder), "d1", store);

    assertThat(interceptors).containsExactly("subscribe", "unsubscribe");
    assertThat(behaviour).isEqualTo(DefaultAuthorizationBehaviour.DENY);
    assertThat(permissions)
        .extracting(TopicPermission::getTopicFilter)
        .containsExactly(DENIED, "+/".repeat(257) + "#", "dev/d1/#", "#");
    assertThat(permissions.get(0).getType()).isEqualTo(TopicPermission.PermissionType.DENY);
    // topics deeper than the default topicLimits.maxLevels (256) are denied before the grants
    assertThat(permissions.get(1).getType()).isEqualTo(TopicPermission.PermissionType.DENY);
    assertThat(permissions.get(1).getActivity()).isEqualTo(TopicPermission.MqttActivity.PUBLISH);
    assertThat(permissions.get(3).getActivity()).isEqualTo(TopicPermission.MqttActivity.SUBSCRIBE);
    Connection c = Objects.requireNonNull(sessions.connection("d1", store));
    assertThat(c.initialized()).isTrue();
    assertThat(c.installed()).isEqualTo(new ClientHooks.Installed(NATIVE, true, false, false));
    runScheduled();
    assertThat(disconnected).isEmpty();
  }

  @Test
  void resumedSession_getsPerDeliveryChecks() {
    FakeSession session = new FakeSession("d1");
    session.plan = NATIVE;

    initialize(hooks(ClientHooksTest::builder), "d1", accepted(session, false));

    assertThat(interceptors).containsExactly("subscribe", "unsubscribe", "outbound");
  }

  @Test
  void sessionRevokedBeforeTheInitializer_resumingASession_isLockedDownAndDisconnectedLater() {
    FakeSession session = new FakeSession("d1");
    session.plan = null; // revoked between authentication and initializer

    initialize(hooks(ClientHooksTest::builder), "d1", accepted(session, false));

    assertThat(permissions).isEmpty();
    assertThat(behaviour).isEqualTo(DefaultAuthorizationBehaviour.DENY);
    assertThat(interceptors)
        .as("stored subscriptions get no deliveries")
        .contains("subscribe", "inbound", "outbound");
    assertThat(disconnected).as("not before the CONNACK").isEmpty();
    runScheduled();
    assertThat(disconnected).containsExactly("d1 " + DisconnectReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void connectionWithoutSession_isLockedDownAndDisconnectedLater() {
    initialize(hooks(ClientHooksTest::builder), "ghost", new FakeStore());

    assertThat(permissions).isEmpty();
    assertThat(behaviour).isEqualTo(DefaultAuthorizationBehaviour.DENY);
    assertThat(interceptors).contains("subscribe", "inbound", "outbound");
    runScheduled();
    assertThat(disconnected).containsExactly("ghost " + DisconnectReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void failureWhileInstalling_leavesNoPermission_andLocksDown() {
    FakeSession session = new FakeSession("d1");
    session.plan = NATIVE;
    FakeStore store = accepted(session, true);

    initialize(
        hooks(
            () -> {
              throw new IllegalStateException("builder unavailable");
            }),
        "d1",
        store);

    assertThat(permissions).isEmpty();
    assertThat(behaviour).isEqualTo(DefaultAuthorizationBehaviour.DENY);
    assertThat(interceptors).contains("inbound", "outbound");
    runScheduled();
    assertThat(disconnected).containsExactly("d1 " + DisconnectReasonCode.NOT_AUTHORIZED);
  }
}
