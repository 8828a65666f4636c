package io.mqttguard.envelope;

/**
 * An opened envelope or verified stamp.
 *
 * @param header the parsed header (version, algorithm, key ID, timestamp, binding)
 * @param payload the plaintext of an envelope, or the payload of a stamp without the stamp
 */
@SuppressWarnings("ArrayRecordComponent") // a result to read, never compared or hashed
public record Opened(Header header, byte[] payload) {

  /** {@code true} for an envelope (confidential and authentic), {@code false} for a stamp. */
  public boolean encrypted() {
    return header.isEnvelope();
  }
}
