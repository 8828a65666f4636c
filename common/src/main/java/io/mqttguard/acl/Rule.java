package io.mqttguard.acl;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One validated rule of {@code acl.json}, with its decisions pre-built so that the message path
 * allocates nothing. Immutable.
 *
 * @param ordinal position in the file (role order, then rule order); the lowest matching ordinal is
 *     reported as the deciding rule, so decisions are deterministic
 * @param maxQos highest QoS allowed (2 if unconstrained)
 * @param retain whether retained publishes are allowed: {@code null} for any
 * @param maxPayloadBytes largest payload allowed ({@link Integer#MAX_VALUE} if unconstrained)
 * @param shareGroups share groups the rule is restricted to, or {@code null} for all subscriptions
 */
record Rule(
    int ordinal,
    RuleRef ref,
    Effect effect,
    Set<Action> actions,
    List<TopicTemplate> topics,
    int maxQos,
    @Nullable Boolean retain,
    int maxPayloadBytes,
    @Nullable Set<String> shareGroups,
    Decisions decisions) {

  /** Builds a rule and its pre-built decisions. */
  static Rule create(
      int ordinal,
      RuleRef ref,
      Effect effect,
      Set<Action> actions,
      List<TopicTemplate> topics,
      int maxQos,
      @Nullable Boolean retain,
      int maxPayloadBytes,
      @Nullable Set<String> shareGroups) {
    StringBuilder s = new StringBuilder(effect == Effect.ALLOW ? "allow " : "deny ");
    s.append(String.join(",", actions.stream().map(Action::jsonName).sorted().toList()));
    for (TopicTemplate t : topics) {
      s.append(' ').append(t.text());
    }
    String summary = s.length() > 200 ? s.substring(0, 200) + "..." : s.toString();
    return new Rule(
        ordinal,
        ref,
        effect,
        Set.copyOf(actions),
        List.copyOf(topics),
        maxQos,
        retain,
        maxPayloadBytes,
        shareGroups == null ? null : Set.copyOf(shareGroups),
        new Decisions(ref, summary, maxQos, retain, maxPayloadBytes));
  }

  /** Constraint check results for publish; {@link #OK} means all constraints hold. */
  static final int OK = 0;

  static final int QOS = 1;
  static final int RETAIN = 2;
  static final int SIZE = 3;

  /** Which constraint a publish breaks ({@link #OK} if none). */
  int check(int qos, boolean retainFlag, int payloadBytes) {
    if (qos > maxQos) {
      return QOS;
    }
    if (retain != null && retain != retainFlag) {
      return RETAIN;
    }
    return payloadBytes > maxPayloadBytes ? SIZE : OK;
  }

  /** The decision for a check result of an allow rule, or this rule's deny. */
  Decision decision(int check) {
    if (effect == Effect.DENY) {
      return decisions.deny;
    }
    return switch (check) {
      case OK -> decisions.allow;
      case QOS -> decisions.qos;
      case RETAIN -> decisions.retain;
      default -> decisions.size;
    };
  }

  /** Whether the rule has any constraint. */
  boolean constrained() {
    return maxQos < 2 || retain != null || maxPayloadBytes != Integer.MAX_VALUE;
  }

  /** Pre-built decisions of this rule. */
  static final class Decisions {
    final Decision allow;
    final Decision deny;
    final Decision qos;
    final Decision retain;
    final Decision size;

    Decisions(RuleRef ref, String summary, int maxQos, @Nullable Boolean retain, int maxPayload) {
      String by = " rule " + ref + " (" + summary + ")";
      this.allow = new Decision(Effect.ALLOW, Decision.Basis.ALLOW_RULE, ref, "allowed by" + by);
      this.deny = new Decision(Effect.DENY, Decision.Basis.DENY_RULE, ref, "denied by" + by);
      Decision.Basis c = Decision.Basis.CONSTRAINT_VIOLATED;
      this.qos = new Decision(Effect.DENY, c, ref, "QoS above maxQos " + maxQos + " of" + by);
      this.retain =
          new Decision(Effect.DENY, c, ref, "retain flag must be " + retain + " under" + by);
      this.size =
          new Decision(
              Effect.DENY,
              c,
              ref,
              "payload larger than maxPayloadBytes " + maxPayload + " of" + by);
    }
  }
}
