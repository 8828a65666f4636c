package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

/** Generators of small random ACLs over a tiny alphabet (shared by the property tests). */
final class RuleArbitraries {
  private RuleArbitraries() {}

  /** A generated rule: effect, actions, topics, constraints, share groups. */
  record GenRule(
      boolean allow,
      Set<Action> actions,
      List<String> topics,
      int maxQos,
      @Nullable Boolean retain,
      @Nullable List<String> groups) {
    String json() {
      StringBuilder s = new StringBuilder("{'effect':'" + (allow ? "allow" : "deny") + "'");
      s.append(",'actions':[");
      s.append(String.join(",", actions.stream().map(a -> "'" + a.jsonName() + "'").toList()));
      s.append("],'topics':[");
      s.append(String.join(",", topics.stream().map(t -> "'" + t + "'").toList())).append("]");
      if (effectiveMaxQos() < 2) {
        s.append(",'maxQos':").append(maxQos);
      }
      if (allow && retain != null && actions.contains(Action.PUBLISH)) {
        s.append(",'retain':").append(retain);
      }
      if (groups != null) {
        s.append(",'shareGroups':[")
            .append(String.join(",", groups.stream().map(g -> "'" + g + "'").toList()))
            .append("]");
      }
      return s.append("}").toString();
    }

    int effectiveMaxQos() {
      boolean applies = actions.contains(Action.PUBLISH) || actions.contains(Action.SUBSCRIBE);
      return (allow && applies) ? maxQos : 2;
    }

    @Nullable Boolean effectiveRetain() {
      return (allow && actions.contains(Action.PUBLISH)) ? retain : null;
    }
  }

  static Arbitrary<String> filters() {
    Arbitrary<String> level = Arbitraries.of("a", "b", "", "$s", "+");
    return level
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            ls ->
                Arbitraries.of(true, false)
                    .map(
                        hash -> {
                          List<String> all = new ArrayList<>(ls);
                          if (hash) {
                            all.add("#");
                          }
                          return String.join("/", all);
                        }))
        .filter(f -> !f.isEmpty());
  }

  static Arbitrary<String> topics() {
    return Arbitraries.of("a", "b", "", "$s")
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(l -> String.join("/", l))
        .filter(t -> TopicName.problem(t) == null);
  }

  static Arbitrary<List<GenRule>> rules() {
    Arbitrary<Set<Action>> actions = Arbitraries.of(Action.class).set().ofMinSize(1);
    Arbitrary<GenRule> rule =
        Combinators.combine(
                Arbitraries.of(true, true, false),
                actions,
                filters().list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.6),
                Arbitraries.of("g", "h")
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(2)
                    .uniqueElements()
                    .injectNull(0.7))
            .as(
                (allow, acts, tops, q, ret, groups) ->
                    new GenRule(
                        allow,
                        acts,
                        tops,
                        q,
                        ret,
                        groups != null && acts.equals(Set.of(Action.SUBSCRIBE)) ? groups : null));
    return rule.list().ofMinSize(1).ofMaxSize(6);
  }

  /** The client policy of one role {@code r} with {@code rules}. */
  static ClientPolicy compile(List<GenRule> rules) {
    String body = String.join(",", rules.stream().map(GenRule::json).toList());
    return Acl.role(body).compile(ClientIdentity.user("c", "u", Set.of("r")));
  }
}
