package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.services.builder.TopicPermissionBuilder;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import io.mqttguard.acl.PublishGrants;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a client's {@link PublishGrant first-match publish list} into HiveMQ default permissions,
 * which HiveMQ evaluates on its I/O thread without an extension callback, <em>only when HiveMQ's
 * matching decides exactly like MQTT Guard</em> for that list.
 *
 * <p>The MQTT semantics of the list (matching, first match) are the core's ({@link
 * PublishGrants#allows}); this class only knows HiveMQ's deviation from them. HiveMQ's permission
 * matcher strips trailing {@code /} from the topic when it compares a permission without wildcards:
 * a permission {@code a/b} also applies to the distinct topics {@code a/b/} and {@code a/b//}. A
 * list is accepted only if that never changes a decision (checked for every such topic up to the
 * depth where only {@code #} filters can match); filters that HiveMQ would read differently (any
 * filter ending in {@code /}: HiveMQ strips it) reject the list. A rejected list is enforced per
 * message by the inbound interceptor instead. Topics starting with {@code $} never reach the
 * permissions: HiveMQ refuses client PUBLISHes to them.
 *
 * <p>Stateless.
 */
final class HiveMqGrants {
  private HiveMqGrants() {}

  /**
   * The permissions for {@code grants}, in order, or {@code null} if HiveMQ would not decide
   * exactly like the list (or cannot represent a filter).
   */
  static @Nullable List<TopicPermission> permissions(
      PublishGrants grants, Supplier<TopicPermissionBuilder> builders) {
    if (!exact(grants)) {
      return null;
    }
    List<TopicPermission> out = new ArrayList<>(grants.entries().size());
    try {
      for (PublishGrant g : grants.entries()) {
        out.add(
            builders
                .get()
                .topicFilter(g.filter().value())
                .type(
                    g.effect() == Effect.ALLOW
                        ? TopicPermission.PermissionType.ALLOW
                        : TopicPermission.PermissionType.DENY)
                .activity(TopicPermission.MqttActivity.PUBLISH)
                .qos(qos(g.maxQos()))
                .retain(retain(g.retain()))
                .build());
      }
    } catch (RuntimeException e) {
      return null; // HiveMQ refuses the filter: enforce per message instead
    }
    return out;
  }

  private static TopicPermission.Qos qos(int maxQos) {
    return switch (maxQos) {
      case 0 -> TopicPermission.Qos.ZERO;
      case 1 -> TopicPermission.Qos.ZERO_ONE;
      default -> TopicPermission.Qos.ALL;
    };
  }

  private static TopicPermission.Retain retain(@Nullable Boolean retain) {
    if (retain == null) {
      return TopicPermission.Retain.ALL;
    }
    return retain ? TopicPermission.Retain.RETAINED : TopicPermission.Retain.NOT_RETAINED;
  }

  /** Whether HiveMQ's matching gives every topic the same decision as MQTT matching. */
  static boolean exact(PublishGrants grants) {
    int maxDepth = 0;
    for (PublishGrant g : grants.entries()) {
      if (g.filter().value().endsWith("/")) {
        return false; // HiveMQ strips it: a different filter
      }
      maxDepth = Math.max(maxDepth, g.filter().levels().size());
    }
    for (PublishGrant g : grants.entries()) {
      TopicFilter f = g.filter();
      if (f.hasWildcard()) {
        continue;
      }
      // HiveMQ also applies a literal filter to f + "/", f + "//", ...; beyond maxDepth + 1
      // levels only '#' filters match, so deeper probes cannot decide differently.
      int probes = Math.max(1, maxDepth - f.levels().size() + 1);
      StringBuilder topic = new StringBuilder(f.value());
      for (int k = 0; k < probes; k++) {
        topic.append('/');
        if (!sameDecisions(grants, topic.toString())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameDecisions(PublishGrants grants, String topic) {
    if (TopicName.problem(topic) != null) {
      return false; // beyond MQTT's length limit: leave it to the per-message check
    }
    TopicName name = TopicName.of(topic);
    for (int qos = 0; qos <= 2; qos++) {
      for (boolean retain : new boolean[] {false, true}) {
        if (grants.allows(name, qos, retain) != decideLikeHiveMq(grants, topic, qos, retain)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * First-match evaluation of the list with HiveMQ's matching (the core's MQTT matching, except
   * that a literal filter ignores trailing {@code /} of the topic): what HiveMQ would decide.
   */
  static boolean decideLikeHiveMq(PublishGrants grants, String topic, int qos, boolean retain) {
    for (PublishGrant g : grants.entries()) {
      Boolean wanted = g.retain();
      boolean applies =
          qos <= g.maxQos()
              && (wanted == null || wanted == retain)
              && hiveMqMatches(g.filter(), topic);
      if (applies) {
        return g.effect() == Effect.ALLOW;
      }
    }
    return false;
  }

  private static boolean hiveMqMatches(TopicFilter filter, String topic) {
    if (!filter.hasWildcard()) {
      return stripEnd(filter.value()).equals(topic.length() > 1 ? stripEnd(topic) : topic);
    }
    return filter.matches(TopicName.of(topic));
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
