package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.SharedSubscription;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds the rule-by-rule trace of a decision by evaluating each rule topic with the plain set
 * operations of {@link TopicFilter} (independently of the tries). Only on request; not fast.
 */
final class Explainer {
  /** Non-matching rule topics listed individually before they are only counted. */
  private static final int MAX_UNMATCHED_STEPS = 50;

  private Explainer() {}

  static List<Explanation.Step> trace(
      DefaultAclPolicy policy,
      ClientIdentity identity,
      Set<String> roles,
      List<Explanation.Step> notes,
      AccessRequest request,
      Decision decision) {
    List<Explanation.Step> steps = new ArrayList<>(notes);
    if (decision.basis() == Decision.Basis.INVALID_REQUEST) {
      steps.add(new Explanation.Step(null, "request rejected before rules: " + decision.reason()));
      return steps;
    }
    Target target = Target.of(request);
    int unmatched = 0;
    for (String role : new TreeSet<>(roles)) {
      List<Rule> rules = policy.roles().getOrDefault(role, List.of());
      for (Rule rule : rules) {
        if (!target.concerns(rule)) {
          continue;
        }
        for (TopicTemplate template : rule.topics()) {
          var resolution = template.resolve(identity, rule.effect() == Effect.DENY);
          String[] levels = resolution.levels();
          if (levels == null) {
            continue; // already in the notes
          }
          TopicFilter filter = TopicFilter.of(String.join("/", levels));
          String relation = target.relation(rule, filter);
          if (relation != null) {
            steps.add(new Explanation.Step(rule.ref(), describe(rule, filter) + relation));
          } else if (++unmatched <= MAX_UNMATCHED_STEPS) {
            steps.add(new Explanation.Step(rule.ref(), describe(rule, filter) + "does not apply"));
          }
        }
      }
    }
    if (unmatched > MAX_UNMATCHED_STEPS) {
      steps.add(
          new Explanation.Step(
              null, (unmatched - MAX_UNMATCHED_STEPS) + " more rule topics do not apply"));
    }
    steps.add(new Explanation.Step(decision.rule(), "decision: " + decision.reason()));
    return steps;
  }

  private static String describe(Rule rule, TopicFilter filter) {
    return rule.effect().name().toLowerCase(java.util.Locale.ROOT) + " '" + filter + "': ";
  }

  /** The request, pre-parsed (it is known to be valid). */
  private record Target(AccessRequest request, @Nullable String group, TopicFilter filter) {
    static Target of(AccessRequest request) {
      String topic = request.topic();
      String group = null;
      if (request.action() == Action.SUBSCRIBE && SharedSubscription.isShared(topic)) {
        SharedSubscription shared = SharedSubscription.parse(topic);
        group = shared.group();
        topic = shared.filter().value();
      }
      return new Target(request, group, TopicFilter.of(topic));
    }

    boolean concerns(Rule rule) {
      Set<Action> actions = rule.actions();
      return switch (request.action()) {
        case PUBLISH -> actions.contains(Action.PUBLISH);
        case RECEIVE ->
            actions.contains(Action.RECEIVE)
                || (actions.contains(Action.SUBSCRIBE)
                    && (rule.shareGroups() == null || rule.effect() == Effect.ALLOW));
        case SUBSCRIBE ->
            actions.contains(Action.SUBSCRIBE)
                && (rule.shareGroups() == null
                    || (group != null && rule.shareGroups().contains(group)));
      };
    }

    /** How the rule relates to the request, or {@code null} if it does not apply. */
    @Nullable String relation(Rule rule, TopicFilter ruleFilter) {
      if (request.action() != Action.SUBSCRIBE) {
        if (!ruleFilter.matches(TopicName.of(request.topic()))) {
          return null;
        }
        if (request instanceof AccessRequest.Publish p && rule.effect() == Effect.ALLOW) {
          int check = rule.check(p.qos(), p.retain(), p.payloadBytes());
          return check == Rule.OK ? "matches" : "matches, but " + rule.decision(check).reason();
        }
        return "matches";
      }
      int qos = ((AccessRequest.Subscribe) request).qos();
      if (rule.effect() == Effect.DENY) {
        return ruleFilter.intersects(filter) ? "overlaps the requested filter" : null;
      }
      if (!ruleFilter.contains(filter)) {
        return null;
      }
      return qos <= rule.maxQos()
          ? "contains the requested filter"
          : "contains the requested filter, but " + rule.decision(Rule.QOS).reason();
    }
  }
}
