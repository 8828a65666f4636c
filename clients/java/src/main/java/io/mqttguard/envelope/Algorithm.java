package io.mqttguard.envelope;

import org.jspecify.annotations.Nullable;

/**
 * The algorithms of the wire format, with their one-byte wire identifiers and the names {@code
 * keys.json} uses. Immutable.
 */
public enum Algorithm {
  AES_256_GCM(0x01, "AES-256-GCM", Kind.AEAD, "AES/GCM/NoPadding", "AES", 16),
  CHACHA20_POLY1305(0x02, "CHACHA20-POLY1305", Kind.AEAD, "ChaCha20-Poly1305", "ChaCha20", 16),
  HMAC_SHA256(0x10, "HMAC-SHA256", Kind.MAC, "HmacSHA256", "HmacSHA256", 32),
  ED25519(0x20, "ED25519", Kind.SIGNATURE, "Ed25519", "Ed25519", 64),
  ECDSA_P256(0x21, "ECDSA-P256", Kind.SIGNATURE, "SHA256withECDSAinP1363Format", "EC", 64);

  /** What a key of the algorithm does: encrypt (envelopes), MAC or sign (stamps). */
  public enum Kind {
    AEAD,
    MAC,
    SIGNATURE
  }

  /** Symmetric keys (and derived topic keys) of AEAD algorithms are this long; HMAC at least. */
  public static final int SYMMETRIC_KEY_LENGTH = 32;

  /** HMAC-SHA256 keys are at most this long. */
  public static final int MAX_HMAC_KEY_LENGTH = 64;

  private static final @Nullable Algorithm[] BY_WIRE = new Algorithm[256];

  static {
    for (Algorithm a : values()) {
      BY_WIRE[a.wire] = a;
    }
  }

  private final int wire;
  private final String jsonName;
  private final Kind kind;
  final String jcaName;
  final String keyAlgorithm;
  private final int tagLength;

  Algorithm(
      int wire, String jsonName, Kind kind, String jcaName, String keyAlgorithm, int tagLength) {
    this.wire = wire;
    this.jsonName = jsonName;
    this.kind = kind;
    this.jcaName = jcaName;
    this.keyAlgorithm = keyAlgorithm;
    this.tagLength = tagLength;
  }

  /** The algorithm byte (offset 1) of the wire format. */
  public int wireId() {
    return wire;
  }

  /** The name in {@code keys.json}, e.g. {@code AES-256-GCM}. */
  public String jsonName() {
    return jsonName;
  }

  public Kind kind() {
    return kind;
  }

  /** AEAD tag (16), HMAC tag (32) or signature (64) length in bytes. */
  public int tagLength() {
    return tagLength;
  }

  /** The algorithm with wire identifier {@code b} (only the low 8 bits count), or null. */
  public static @Nullable Algorithm fromWire(int b) {
    return BY_WIRE[b & 0xFF];
  }

  /** The algorithm named {@code name} in {@code keys.json}, or null. */
  public static @Nullable Algorithm fromJson(String name) {
    for (Algorithm a : values()) {
      if (a.jsonName.equals(name)) {
        return a;
      }
    }
    return null;
  }
}
