package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.builder.TopicPermissionBuilder;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.EnforcementPlan;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up one authenticated connection (HiveMQ runs client initializers after authentication,
 * before the CONNACK) from its {@link EnforcementPlan}, registering a per-message callback only
 * where HiveMQ cannot decide natively:
 *
 * <ul>
 *   <li>the {@link SubscribeInterceptor} and {@link UnsubscribeInterceptor} always (rare packets);
 *   <li>the inbound {@link PayloadInterceptor} only if payload rules exist or the publish rules
 *       have no exact HiveMQ form ({@link HiveMqGrants}); otherwise HiveMQ enforces the publish
 *       rules as default permissions on its I/O thread;
 *   <li>the outbound {@link DeliveryInterceptor} only if the policy has {@code deny receive} rules
 *       or the connection resumes a session (its stored subscriptions and queued messages were
 *       allowed under an older policy).
 * </ul>
 *
 * <p>Default permissions, replaced wholesale: deny by default; the connection-independent {@link
 * #deniedTopic() denied topic} denied for every activity (interceptors rewrite what they deny to
 * it, so HiveMQ answers as for any authorization deny); then the publish grants (or allow-all
 * publish when the inbound interceptor decides), then allow-all subscribe (the subscribe
 * interceptor decides).
 *
 * <p>Fails closed: when the connection has no live session (e.g. revoked between authentication and
 * here) or anything fails, it gets deny-everything permissions <em>and</em> all three interceptors
 * (which deny everything for such a connection: a resumed session's stored subscriptions get no
 * deliveries), and is disconnected once HiveMQ has answered its CONNECT. Thread-safe.
 */
final class ClientHooks implements ClientInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(ClientHooks.class);

  /**
   * The prefix of the topic that interceptors substitute for a denied PUBLISH or SUBSCRIBE (a
   * random suffix is added per extension start). Not a {@code $} topic: HiveMQ disconnects a client
   * whose PUBLISH carries a {@code $} topic after the interceptors, without an answer.
   */
  static final String DENIED_PREFIX = "mqtt-guard/denied/";

  /** What was installed for a connection: its plan and the callbacks registered. */
  record Installed(EnforcementPlan plan, boolean nativeGrants, boolean inbound, boolean outbound) {}

  private final LiveConnections sessions;
  private final Supplier<TopicPermissionBuilder> builders;
  private final PayloadInterceptor payload;
  private final DeliveryInterceptor delivery;
  private final SubscribeInterceptor subscribe;
  private final UnsubscribeInterceptor unsubscribe;
  private final ReloadRecheck recheck;
  private final Disconnects disconnects;
  private final String deniedTopic;

  /**
   * @param deniedTopic the topic for denied PUBLISHes and SUBSCRIBEs: {@link #DENIED_PREFIX} and a
   *     random suffix, so that no client has a reason to use it (any use is denied)
   */
  ClientHooks(
      LiveConnections sessions,
      Supplier<TopicPermissionBuilder> builders,
      ReloadRecheck recheck,
      Disconnects disconnects,
      String deniedTopic) {
    this.sessions = sessions;
    this.recheck = recheck;
    this.disconnects = disconnects;
    this.builders = builders;
    this.deniedTopic = deniedTopic;
    this.payload = new PayloadInterceptor(sessions, deniedTopic, disconnects);
    this.delivery = new DeliveryInterceptor(sessions);
    this.subscribe = new SubscribeInterceptor(sessions, deniedTopic);
    this.unsubscribe = new UnsubscribeInterceptor(sessions, deniedTopic);
  }

  /** The topic substituted for denied PUBLISHes and SUBSCRIBEs. */
  String deniedTopic() {
    return deniedTopic;
  }

  @Override
  public void initialize(InitializerInput input, ClientContext client) {
    String clientId = null;
    ClientSession session = null;
    try {
      clientId = input.getClientInformation().getClientId();
      session = sessions.find(input);
      Connection connection = sessions.connection(input);
      if (connection != null) {
        connection.markInitialized();
      }
      if (session == null || connection == null || !install(client, session, connection)) {
        failClosed(client, clientId, session); // no live session (e.g. revoked meanwhile)
      }
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.error("MQTT Guard: cannot set up a client connection; it may do nothing", e);
      failClosed(client, clientId, session);
    }
  }

  /** Installs {@code session}'s plan; false if it has none (revoked). */
  private boolean install(ClientContext client, ClientSession session, Connection connection) {
    if (!(session.plan() instanceof EnforcementPlan plan)) {
      return false; // Enforcement.Revoked
    }
    List<TopicPermission> grants =
        plan.publishGrants() == null
            ? null
            : HiveMqGrants.permissions(plan.publishGrants(), builders);
    Installed installed =
        new Installed(
            plan,
            grants != null,
            grants == null || plan.payloadRules(),
            plan.deliveryChecks() || !connection.cleanStart());
    ModifiableDefaultPermissions permissions = client.getDefaultPermissions();
    permissions.clear();
    permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    client.addSubscribeInboundInterceptor(subscribe);
    client.addUnsubscribeInboundInterceptor(unsubscribe);
    if (installed.inbound()) {
      client.addPublishInboundInterceptor(payload);
    }
    if (installed.outbound()) {
      client.addPublishOutboundInterceptor(delivery);
    }
    permissions.addAll(permissionsFor(grants, plan.topicLimits().maxLevels()));
    connection.installed(installed);
    // a reload that happened since plan() was read found nothing installed: check here
    recheck.recheck(session, connection);
    return true;
  }

  /**
   * Deny everything, check every message (all deny), disconnect after the CONNACK (when the client
   * ID could be read).
   */
  private void failClosed(
      ClientContext client, @Nullable String clientId, @Nullable ClientSession session) {
    try {
      ModifiableDefaultPermissions permissions = client.getDefaultPermissions();
      permissions.clear();
      permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      client.addSubscribeInboundInterceptor(subscribe);
      client.addPublishInboundInterceptor(payload);
      client.addPublishOutboundInterceptor(delivery);
    } finally {
      if (clientId != null) {
        disconnects.later(
            clientId, session, DisconnectReasonCode.NOT_AUTHORIZED, "Connection not set up");
      }
    }
  }

  /**
   * With native grants no interceptor sees a PUBLISH, so topics deeper than {@code maxLevels} are
   * denied natively, before the grants: {@code +/…/+/#} with {@code maxLevels + 1} single-level
   * wildcards matches exactly the topics of more than {@code maxLevels} levels.
   */
  private List<TopicPermission> permissionsFor(
      @Nullable List<TopicPermission> grants, int maxLevels) {
    TopicPermission denied =
        builders
            .get()
            .topicFilter(deniedTopic)
            .type(TopicPermission.PermissionType.DENY)
            .activity(TopicPermission.MqttActivity.ALL)
            .build();
    TopicPermission subscribeAll = allowAll(TopicPermission.MqttActivity.SUBSCRIBE);
    if (grants == null) {
      return List.of(denied, allowAll(TopicPermission.MqttActivity.PUBLISH), subscribeAll);
    }
    var all = new java.util.ArrayList<TopicPermission>(grants.size() + 3);
    all.add(denied);
    all.add(
        builders
            .get()
            .topicFilter("+/".repeat(maxLevels + 1) + "#")
            .type(TopicPermission.PermissionType.DENY)
            .activity(TopicPermission.MqttActivity.PUBLISH)
            .qos(TopicPermission.Qos.ALL)
            .retain(TopicPermission.Retain.ALL)
            .build());
    all.addAll(grants);
    all.add(subscribeAll);
    return all;
  }

  private TopicPermission allowAll(TopicPermission.MqttActivity activity) {
    return builders
        .get()
        .topicFilter("#")
        .type(TopicPermission.PermissionType.ALLOW)
        .activity(activity)
        .qos(TopicPermission.Qos.ALL)
        .retain(TopicPermission.Retain.ALL)
        .sharedSubscription(TopicPermission.SharedSubscription.ALL)
        .sharedGroup("#")
        .build();
  }
}
