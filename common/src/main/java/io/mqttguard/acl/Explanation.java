package io.mqttguard.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The full trace of one decision: every rule of the client's roles that was considered for the
 * request's action, whether it applied, and why. Built only on request (never on the message path).
 *
 * @param request the question
 * @param decision the answer, identical to what the fast path returns for the same request
 * @param steps one step per rule topic considered, plus notes (unknown roles, inapplicable rules)
 */
public record Explanation(AccessRequest request, Decision decision, List<Step> steps) {

  /**
   * One line of the trace.
   *
   * @param rule the rule the step is about, or {@code null} for a general note
   * @param message what happened, e.g. {@code "allow publish 'sensors/dev-7/#': matches"}
   */
  public record Step(@Nullable RuleRef rule, String message) {
    public Step {
      requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return rule == null ? message : rule + ": " + message;
    }
  }

  public Explanation {
    requireNonNull(request, "request");
    requireNonNull(decision, "decision");
    steps = List.copyOf(steps);
  }

  /** A multi-line rendering: the decision first, then one indented line per step. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(decision.effect()).append(" (").append(decision.basis()).append("): ");
    out.append(decision.reason());
    for (Step step : steps) {
      out.append("\n  ").append(step);
    }
    return out.toString();
  }
}
