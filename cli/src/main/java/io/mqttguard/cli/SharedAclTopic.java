package io.mqttguard.cli;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A mosquitto ACL topic read as a shared-subscription pattern {@code $share/<group>/<filter>}, as
 * mosquitto's dynamic-security plugin matches it: against the whole SUBSCRIBE string, so {@code +}
 * (or a group containing {@code %c}/{@code %u}: one per client) stands for any group and {@code
 * $share/#} for every shared subscription. {@code filter} is set for {@link Kind#ONE_GROUP} and
 * {@link Kind#ANY_GROUP} ({@code #} for {@code $share/#}); {@code group} for {@link Kind#ONE_GROUP}
 * only.
 */
record SharedAclTopic(Kind kind, @Nullable String group, @Nullable String filter) {

  /** What the pattern covers. */
  enum Kind {
    /** The first level is not {@code $share}: a plain topic filter. */
    NOT_SHARED,
    /** {@code $share}, {@code $share/G} or an invalid group: no valid SUBSCRIBE matches it. */
    MATCHES_NOTHING,
    /** {@code $share/G/F} with a literal group G. */
    ONE_GROUP,
    /** {@code $share/+/F}, a group with {@code %c}/{@code %u}, or {@code $share/#}. */
    ANY_GROUP
  }

  /**
   * Parses {@code topic}; a {@code literal} ACL (dynsec {@code subscribeLiteral}) matches only that
   * exact string, so a {@code +} or {@code #} share name makes it match nothing.
   */
  static SharedAclTopic parse(String topic, boolean literal) {
    String[] levels = topic.split("/", -1);
    if (!levels[0].equals("$share")) {
      return new SharedAclTopic(Kind.NOT_SHARED, null, null);
    }
    if (levels.length == 2 && levels[1].equals("#")) {
      return new SharedAclTopic(literal ? Kind.MATCHES_NOTHING : Kind.ANY_GROUP, null, "#");
    }
    if (levels.length < 3) {
      return new SharedAclTopic(Kind.MATCHES_NOTHING, null, null);
    }
    String group = levels[1];
    String filter = String.join("/", Arrays.asList(levels).subList(2, levels.length));
    if ((group.equals("+") && !literal) || group.contains("%c") || group.contains("%u")) {
      return new SharedAclTopic(Kind.ANY_GROUP, null, filter);
    }
    if (group.isEmpty() || group.contains("+") || group.contains("#") || group.contains("\0")) {
      return new SharedAclTopic(Kind.MATCHES_NOTHING, null, null);
    }
    return new SharedAclTopic(Kind.ONE_GROUP, group, filter);
  }
}
