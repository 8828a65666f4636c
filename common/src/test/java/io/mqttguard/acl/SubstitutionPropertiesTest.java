package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Substituted values can never widen a grant: whatever the client controls (client ID, attribute),
 * an allow rule {@code p/${client.id}/x} grants at most the one topic {@code p/<value>/x}, and a
 * deny rule {@code p/${attr.b}} always still denies {@code p/<value>}.
 */
class SubstitutionPropertiesTest {
  private static final AclPolicy ALLOW =
      Acl.role(
          "{'effect':'allow','actions':['publish','subscribe'],'topics':['p/${client.id}/x']},"
              + "{'effect':'allow','actions':['publish'],'topics':['${client.id}']}");
  private static final AclPolicy DENY =
      Acl.role(
          "{'effect':'allow','actions':['publish','subscribe'],'topics':['p/#']},"
              + "{'effect':'deny','actions':['publish','subscribe'],'topics':['p/${attr.b}']}");

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ab/+#$\u0000").ofMaxLength(5),
        Arbitraries.strings().ofMaxLength(6),
        Arbitraries.of("", "+", "#", "/", "$SYS", "a/#", "\ud800"));
  }

  @Provide
  Arbitrary<String> requests() {
    return Arbitraries.strings().withChars("ab/+#$x p").ofMinLength(1).ofMaxLength(8);
  }

  @Property(tries = 1000)
  void allowRule_grantsAtMostTheLiteralTopic(
      @ForAll("values") String value, @ForAll("requests") String request) {
    ClientPolicy p = ALLOW.compile(ClientIdentity.user(value, "u", Set.of("r")));
    for (String topic : List.of(request, "p/" + value + "/x", value, "p/" + request + "/x")) {
      if (p.publish(topic, 0, false, 0).allowed()) {
        assertThat(topic).isIn("p/" + value + "/x", value);
        assertThat(TemplateCheck.usable(value)).isTrue();
        assertThat(topic).doesNotStartWith("$");
      }
      if (p.subscribe(topic, 0).allowed()) {
        assertThat(topic).isEqualTo("p/" + value + "/x");
        assertThat(TopicName.problem(topic)).isNull();
      }
    }
  }

  @Property(tries = 1000)
  void denyRule_stillDeniesTheValuesTopic(@ForAll("values") String value) {
    ClientPolicy p = DENY.compile(Acl.withAttributes("c", Map.of("b", value)));
    String topic = "p/" + value;
    if (TopicName.problem(topic) == null) {
      assertThat(p.publish(topic, 0, false, 0).allowed()).isFalse();
    }
    if (TopicFilter.problem(topic) == null) {
      assertThat(p.subscribe(topic, 0).allowed()).isFalse();
    }
    assertThat(p.subscribe("p/#", 0).allowed()).isFalse();
  }

  /** The documented notion of a usable value, restated independently of the engine. */
  static final class TemplateCheck {
    static boolean usable(String v) {
      return !v.isEmpty()
          && v.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)
          && TopicName.problem(v) == null;
    }
  }
}
