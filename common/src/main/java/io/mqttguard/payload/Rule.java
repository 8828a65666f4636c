package io.mqttguard.payload;

import io.mqttguard.topic.TopicFilter;
import java.util.List;
import java.util.Set;

/**
 * One rule of {@code payload.json}, parsed. Immutable.
 *
 * @param index position in the file; the lowest matching index wins
 * @param name audit name ({@code payload:<name>})
 * @param keyIds accepted key IDs (empty for require-protected)
 */
record Rule(
    int index,
    String name,
    List<TopicFilter> topics,
    Action action,
    Set<Integer> keyIds,
    boolean requireClientBinding,
    boolean keepStamp,
    int maxPayloadBytes) {

  Rule {
    topics = List.copyOf(topics);
    keyIds = Set.copyOf(keyIds);
  }
}
