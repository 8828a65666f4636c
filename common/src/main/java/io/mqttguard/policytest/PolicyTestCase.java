package io.mqttguard.policytest;

import static java.util.Objects.requireNonNull;

import io.mqttguard.acl.AccessRequest;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.RuleRef;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One case of a policy test file ({@code policy-tests-1.json}). {@link #toString()} never shows the
 * password.
 *
 * @param name the case name (defaults to {@code "case N"})
 * @param pointer JSON pointer of the case in its file, for reports
 * @param clientId the client identifier
 * @param username the username, if any
 * @param password the password of a {@code connect} case, if any
 * @param listener the listener of a {@code connect} case, if any
 * @param certificate the client certificate chain file of a {@code connect} case (resolved against
 *     the cases file's directory), if any; the connection is then TLS
 * @param tls whether a {@code connect} case connects over TLS (also true with a certificate)
 * @param roles roles to use directly, or {@code null} to resolve the identity from the users file
 * @param anonymous whether the client is anonymous (granted {@code anonymous.roles})
 * @param attributes identity attributes for {@code ${attr.NAME}}
 * @param certCommonName the certificate CN for {@code ${cert.cn}}, if any
 * @param action the action tested
 * @param topic the topic or filter ({@code null} only for {@code connect})
 * @param qos requested QoS (default 0)
 * @param retain RETAIN flag of a publish (default false)
 * @param payloadBytes payload size of a publish (default 0)
 * @param expect the expected effect
 * @param expectRule the expected deciding rule, if the case requires one
 */
public record PolicyTestCase(
    String name,
    String pointer,
    String clientId,
    @Nullable String username,
    @Nullable String password,
    @Nullable String listener,
    @Nullable Path certificate,
    boolean tls,
    @Nullable Set<String> roles,
    boolean anonymous,
    Map<String, String> attributes,
    @Nullable String certCommonName,
    TestAction action,
    @Nullable String topic,
    int qos,
    boolean retain,
    int payloadBytes,
    Effect expect,
    @Nullable RuleRef expectRule) {

  /** The action of a case: the three ACL actions, or an authentication check. */
  public enum TestAction {
    /** Authentication of a CONNECT, run through the configuration's authentication. */
    CONNECT,
    PUBLISH,
    SUBSCRIBE,
    RECEIVE
  }

  public PolicyTestCase {
    requireNonNull(name, "name");
    requireNonNull(pointer, "pointer");
    requireNonNull(clientId, "clientId");
    requireNonNull(action, "action");
    requireNonNull(expect, "expect");
    roles = roles == null ? null : Set.copyOf(roles);
    attributes = Map.copyOf(attributes);
  }

  /** The ACL question of this case; empty for {@code connect} cases. */
  public Optional<AccessRequest> request() {
    String t = topic == null ? "" : topic;
    return switch (action) {
      case CONNECT -> Optional.empty();
      case PUBLISH -> Optional.of(new AccessRequest.Publish(t, qos, retain, payloadBytes));
      case SUBSCRIBE -> Optional.of(new AccessRequest.Subscribe(t, qos));
      case RECEIVE -> Optional.of(new AccessRequest.Receive(t));
    };
  }

  /** Whether the identity is given by the case itself (roles or anonymous). */
  public boolean selfContainedIdentity() {
    return roles != null || anonymous;
  }

  @Override
  public String toString() {
    return "PolicyTestCase["
        + name
        + " at "
        + pointer
        + ": "
        + action
        + " "
        + (topic == null ? "" : topic)
        + " by clientId="
        + clientId
        + (username == null ? "" : ", username=" + username)
        + (password == null ? "" : ", password=(present)")
        + ", expect "
        + expect
        + "]";
  }
}
