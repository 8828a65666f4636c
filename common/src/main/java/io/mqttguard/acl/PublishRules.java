package io.mqttguard.acl;

import io.mqttguard.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The publish rules of one {@link Tries} with their resolved filters, in the order they were added,
 * and their translation to {@link PublishGrant}s, computed on first use (only brokers that enforce
 * grants natively ask, so a policy never pays for grants it does not export). Thread-safe: the
 * translation is a pure function of immutable input, published through a volatile field (two
 * threads may compute it at the same time; both get equal results).
 */
final class PublishRules {
  private final Rule[] rules;
  private final String[][] filters;
  private volatile @Nullable Grants grants;

  /**
   * The grants: denies then allows, each in rule order.
   *
   * @param notExpressible whether a publish rule is not expressible as a grant: an allow rule
   *     limits the payload size, or a resolved filter is no valid topic filter on its own (longer
   *     than MQTT's 65535 bytes)
   */
  record Grants(List<PublishGrant> denies, List<PublishGrant> allows, boolean notExpressible) {}

  PublishRules(List<Rule> rules, List<String[]> filters) {
    this.rules = rules.toArray(new Rule[0]);
    this.filters = filters.toArray(new String[0][]);
  }

  Grants grants() {
    Grants g = grants;
    if (g == null) {
      g = translate();
      grants = g;
    }
    return g;
  }

  private Grants translate() {
    List<PublishGrant> denies = new ArrayList<>();
    List<PublishGrant> allows = new ArrayList<>();
    boolean notExpressible = false;
    for (int i = 0; i < rules.length; i++) {
      Rule rule = rules[i];
      String text = String.join("/", filters[i]);
      if (TopicFilter.problem(text) != null) {
        notExpressible = true;
        continue;
      }
      TopicFilter filter = TopicFilter.of(text);
      if (rule.effect() == Effect.DENY) {
        denies.add(new PublishGrant(Effect.DENY, filter, 2, null));
      } else {
        allows.add(new PublishGrant(Effect.ALLOW, filter, rule.maxQos(), rule.retain()));
        notExpressible |= rule.maxPayloadBytes() != Integer.MAX_VALUE;
      }
    }
    return new Grants(List.copyOf(denies), List.copyOf(allows), notExpressible);
  }
}
