package io.mqttguard.envelope;

import org.jspecify.annotations.Nullable;

/** Validity of the topic names and client IDs that sealing and opening bind. Stateless. */
final class Names {
  private Names() {}

  /**
   * A valid MQTT topic name (non-empty, no {@code +} or {@code #}, no U+0000, at most 65535 UTF-8
   * bytes) and, if given, a client ID of at most 65535 UTF-8 bytes.
   *
   * @throws EnvelopeException {@link FailureReason#INVALID_TOPIC} otherwise
   */
  static void check(String topic, @Nullable String clientId) throws EnvelopeException {
    if (topic.isEmpty()
        || topic.indexOf('+') >= 0
        || topic.indexOf('#') >= 0
        || topic.indexOf('\0') >= 0
        || Bytes.utf8Length(topic) > Bytes.MAX_STRING
        || (clientId != null && Bytes.utf8Length(clientId) > Bytes.MAX_STRING)) {
      throw new EnvelopeException(FailureReason.INVALID_TOPIC);
    }
  }
}
