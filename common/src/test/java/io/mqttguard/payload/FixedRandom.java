package io.mqttguard.payload;

import java.security.SecureRandom;

/** A "random" source that always yields the same bytes, to reproduce known-answer vectors. */
final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte[] bytes;

  FixedRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[i % bytes.length];
    }
  }
}
