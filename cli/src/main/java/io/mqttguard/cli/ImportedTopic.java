package io.mqttguard.cli;

import io.mqttguard.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A topic filter from a foreign rule, translated: {@code %c}/{@code %u} (mosquitto) or {@code
 * ${{clientid}}}/{@code ${{username}}} (file-rbac) filling a whole level become {@code
 * ${client.id}}/{@code ${user.name}}. Exactly one of {@code topic} and {@code problem} is set.
 */
record ImportedTopic(@Nullable String topic, @Nullable String problem) {

  static ImportedTopic translate(String original, String clientToken, String userToken) {
    List<String> out = new ArrayList<>();
    for (String level : original.split("/", -1)) {
      if (level.equals(clientToken)) {
        out.add("${client.id}");
      } else if (level.equals(userToken)) {
        out.add("${user.name}");
      } else if (level.contains(clientToken) || level.contains(userToken)) {
        return new ImportedTopic(
            null,
            clientToken
                + "/"
                + userToken
                + " inside the topic level '"
                + abbreviate(level)
                + "' cannot be expressed: substitutions here stand for a whole level (rewrite the"
                + " topic tree, e.g. 'sensors/"
                + userToken
                + "/data')");
      } else if (level.contains("${")) {
        return new ImportedTopic(
            null, "the level '" + abbreviate(level) + "' contains '${', a substitution here");
      } else {
        out.add(level);
      }
    }
    String translated = String.join("/", out);
    var problem =
        TopicFilter.problem(translated.replace("${client.id}", "c").replace("${user.name}", "u"));
    if (problem != null) {
      return new ImportedTopic(null, "invalid topic filter: " + problem);
    }
    return new ImportedTopic(translated, null);
  }

  /** Translates a topic without substitutions (mosquitto {@code topic} lines). */
  static ImportedTopic literal(String original) {
    return translate(original, "\u0000c", "\u0000u");
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
