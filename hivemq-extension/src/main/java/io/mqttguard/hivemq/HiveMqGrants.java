package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.services.builder.TopicPermissionBuilder;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a client's {@link PublishGrant first-match publish list} into HiveMQ default permissions,
 * which HiveMQ evaluates on its I/O thread without an extension callback, <em>only when HiveMQ's
 * matching decides exactly like MQTT Guard</em> for that list.
 *
 * <p>HiveMQ's permission matcher strips trailing {@code /} from the topic when it compares a
 * permission without wildcards: a permission {@code a/b} also applies to the distinct topics {@code
 * a/b/} and {@code a/b//}. A list is accepted only if that never changes a decision (checked for
 * every such topic up to the depth where only {@code #} filters can match); filters that HiveMQ
 * would read differently (a literal filter ending in {@code /}, a wildcard inside a level) reject
 * the list. A rejected list is enforced per message by the inbound interceptor instead. Topics
 * starting with {@code $} never reach the permissions: HiveMQ refuses client PUBLISHes to them.
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
      List<PublishGrant> grants, Supplier<TopicPermissionBuilder> builders) {
    if (!exact(grants)) {
      return null;
    }
    List<TopicPermission> out = new ArrayList<>(grants.size());
    try {
      for (PublishGrant g : grants) {
        out.add(
            builders
                .get()
                .topicFilter(g.filter())
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
  static boolean exact(List<PublishGrant> grants) {
    int maxDepth = 0;
    for (PublishGrant g : grants) {
      if (!representable(g.filter())) {
        return false;
      }
      maxDepth = Math.max(maxDepth, levels(g.filter()).length);
    }
    for (PublishGrant g : grants) {
      String f = g.filter();
      if (hasWildcard(f)) {
        continue;
      }
      // HiveMQ also applies a literal filter to f + "/", f + "//", ...; beyond maxDepth + 1
      // levels only '#' filters match, so deeper probes cannot decide differently.
      int probes = Math.max(1, maxDepth - levels(f).length + 1);
      StringBuilder topic = new StringBuilder(f);
      for (int k = 0; k < probes; k++) {
        topic.append('/');
        if (!sameDecisions(grants, topic.toString())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameDecisions(List<PublishGrant> grants, String topic) {
    for (int qos = 0; qos <= 2; qos++) {
      for (boolean retain : new boolean[] {false, true}) {
        if (decide(grants, topic, qos, retain, false) != decide(grants, topic, qos, retain, true)) {
          return false;
        }
      }
    }
    return true;
  }

  /** First-match evaluation of the list, with MQTT matching or HiveMQ's. */
  static boolean decide(
      List<PublishGrant> grants, String topic, int qos, boolean retain, boolean hiveMq) {
    for (PublishGrant g : grants) {
      boolean applies =
          qos <= g.maxQos()
              && (g.retain() == null || g.retain() == retain)
              && (hiveMq ? hiveMqMatches(g.filter(), topic) : mqttMatches(g.filter(), topic));
      if (applies) {
        return g.effect() == Effect.ALLOW;
      }
    }
    return false;
  }

  private static boolean hiveMqMatches(String filter, String topic) {
    if (!hasWildcard(filter)) {
      return stripEnd(filter).equals(topic.length() > 1 ? stripEnd(topic) : topic);
    }
    return mqttMatches(filter, topic);
  }

  /** MQTT topic matching (§4.7) with the {@code $} rule. */
  static boolean mqttMatches(String filter, String topic) {
    String[] f = levels(filter);
    String[] t = levels(topic);
    boolean dollar = topic.startsWith("$");
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return !(dollar && i == 0);
      }
      if (i >= t.length) {
        return false;
      }
      if (f[i].equals("+")) {
        if (dollar && i == 0) {
          return false;
        }
      } else if (!f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }

  private static boolean representable(String filter) {
    if (filter.isEmpty() || filter.endsWith("/")) {
      return false;
    }
    for (String level : levels(filter)) {
      boolean wildcardChar = level.indexOf('+') >= 0 || level.indexOf('#') >= 0;
      if (wildcardChar && level.length() != 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasWildcard(String filter) {
    return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
  }

  private static String[] levels(String s) {
    return s.split("/", -1);
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
