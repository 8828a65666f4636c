package io.mqttguard.payload;

import org.jspecify.annotations.Nullable;

/** The algorithms of the wire format, with their one-byte wire identifiers and JSON names. */
enum Algorithm {
  AES_256_GCM(0x01, "AES-256-GCM", Kind.AEAD, "AES/GCM/NoPadding", "AES", 32),
  CHACHA20_POLY1305(0x02, "CHACHA20-POLY1305", Kind.AEAD, "ChaCha20-Poly1305", "ChaCha20", 32),
  HMAC_SHA256(0x10, "HMAC-SHA256", Kind.MAC, "HmacSHA256", "HmacSHA256", 32),
  ED25519(0x20, "ED25519", Kind.SIGNATURE, "Ed25519", "Ed25519", 64),
  ECDSA_P256(0x21, "ECDSA-P256", Kind.SIGNATURE, "SHA256withECDSAinP1363Format", "EC", 64);

  /** What a key of the algorithm is used for. */
  enum Kind {
    AEAD,
    MAC,
    SIGNATURE
  }

  private static final @Nullable Algorithm[] BY_WIRE = new Algorithm[256];

  static {
    for (Algorithm a : values()) {
      BY_WIRE[a.wire] = a;
    }
  }

  final int wire;
  final String jsonName;
  final Kind kind;
  final String jcaName;
  final String keyAlgorithm;

  /** Key length for symmetric algorithms; signature length for signature algorithms. */
  final int length;

  Algorithm(int wire, String jsonName, Kind kind, String jcaName, String keyAlgorithm, int length) {
    this.wire = wire;
    this.jsonName = jsonName;
    this.kind = kind;
    this.jcaName = jcaName;
    this.keyAlgorithm = keyAlgorithm;
    this.length = length;
  }

  static @Nullable Algorithm fromWire(int b) {
    return BY_WIRE[b & 0xFF];
  }

  static @Nullable Algorithm fromJson(String name) {
    for (Algorithm a : values()) {
      if (a.jsonName.equals(name)) {
        return a;
      }
    }
    return null;
  }
}
