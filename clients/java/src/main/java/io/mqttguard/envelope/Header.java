package io.mqttguard.envelope;

/**
 * The fixed header of a sealed payload (envelope or stamp, version 1 or 2), as parsed by {@link
 * #parse(byte[])}. See {@code docs/payload-envelope.md}:
 *
 * <pre>
 * envelope v1/v2: version | algorithm | flags | key ID (u32) | timestamp (i64) | nonce (12) | ciphertext | tag (16)
 * stamp v1:       0x01    | algorithm | 0x00  | key ID (u32) | timestamp (i64) | tag/signature (L) | payload
 * stamp v2:       0x02    | algorithm | flags | key ID (u32) | timestamp (i64) | nonce (12) | tag/signature (L) | payload
 * </pre>
 *
 * Immutable. Parsing never throws anything but {@link EnvelopeException}, for any input.
 *
 * @param version 1 or 2
 * @param algorithm the algorithm byte
 * @param clientBound flag bit 0: the message is bound to the publisher's client ID
 * @param keyId the key ID (uint32)
 * @param timestamp seconds since the epoch when sealed
 */
public record Header(
    int version, Algorithm algorithm, boolean clientBound, long keyId, long timestamp) {
  /** The version 1 format. */
  public static final int VERSION_1 = 0x01;

  /** The version 2 format: stamps with a nonce and client binding. */
  public static final int VERSION_2 = 0x02;

  /** Where the nonce is (envelopes, v2 stamps), or the tag/signature (v1 stamps). */
  public static final int NONCE_OFFSET = 15;

  public static final int NONCE_LENGTH = 12;

  /** Length of the header of envelopes (both versions) and of version 2 stamps. */
  public static final int LONG_HEADER_LENGTH = 27;

  /** Length of the header of version 1 stamps (no nonce). */
  public static final int V1_STAMP_HEADER_LENGTH = 15;

  public static final int AEAD_TAG_LENGTH = 16;

  /** The smallest envelope: header and tag, empty plaintext. */
  public static final int MIN_ENVELOPE_LENGTH = LONG_HEADER_LENGTH + AEAD_TAG_LENGTH;

  /** Flag bit 0. */
  public static final int FLAG_CLIENT_BOUND = 0x01;

  /**
   * Parses any sealed payload; its algorithm byte says whether it is an envelope or a stamp.
   *
   * @throws EnvelopeException {@code UNPROTECTED} (empty, or not a version byte at all), {@code
   *     UNKNOWN_VERSION} (0x03..0x0F), {@code TRUNCATED}, {@code UNKNOWN_ALGORITHM}, {@code
   *     MALFORMED_HEADER}
   */
  public static Header parse(byte[] sealed) throws EnvelopeException {
    var unused = version(sealed);
    if (sealed.length < 2) {
      throw new EnvelopeException(FailureReason.TRUNCATED);
    }
    Algorithm a = Algorithm.fromWire(sealed[1]);
    if (a == null) {
      throw new EnvelopeException(FailureReason.UNKNOWN_ALGORITHM);
    }
    return parse(sealed, a.kind());
  }

  /**
   * Parses {@code sealed}, which must be of {@code kind} (an envelope for {@code AEAD}, a stamp
   * otherwise). Checks in this order: version, minimum length of the version's header (and, for
   * envelopes, the tag), algorithm byte of {@code kind}, reserved flag bits, then for stamps the
   * length of header and tag/signature.
   *
   * @throws EnvelopeException as {@link #parse(byte[])}; {@code UNKNOWN_ALGORITHM} also for an
   *     algorithm of another kind
   */
  public static Header parse(byte[] sealed, Algorithm.Kind kind) throws EnvelopeException {
    int version = version(sealed);
    boolean envelope = kind == Algorithm.Kind.AEAD;
    int header = headerLength(version, envelope);
    if (sealed.length < (envelope ? MIN_ENVELOPE_LENGTH : header)) {
      throw new EnvelopeException(FailureReason.TRUNCATED);
    }
    Algorithm a = Algorithm.fromWire(sealed[1]);
    if (a == null || a.kind() != kind) {
      throw new EnvelopeException(FailureReason.UNKNOWN_ALGORITHM);
    }
    int allowedFlags = !envelope && version == VERSION_1 ? 0 : FLAG_CLIENT_BOUND;
    if ((sealed[2] & ~allowedFlags) != 0) {
      throw new EnvelopeException(FailureReason.MALFORMED_HEADER);
    }
    if (!envelope && sealed.length < header + a.tagLength()) {
      throw new EnvelopeException(FailureReason.TRUNCATED);
    }
    return new Header(
        version,
        a,
        (sealed[2] & FLAG_CLIENT_BOUND) != 0,
        Integer.toUnsignedLong(Bytes.getInt(sealed, 3)),
        Bytes.getLong(sealed, 7));
  }

  private static int version(byte[] sealed) throws EnvelopeException {
    if (sealed.length == 0) {
      throw new EnvelopeException(FailureReason.UNPROTECTED);
    }
    int v = sealed[0] & 0xFF;
    if (v == VERSION_1 || v == VERSION_2) {
      return v;
    }
    throw new EnvelopeException(
        v >= 0x03 && v <= 0x0F ? FailureReason.UNKNOWN_VERSION : FailureReason.UNPROTECTED);
  }

  static int headerLength(int version, boolean envelope) {
    return envelope || version != VERSION_1 ? LONG_HEADER_LENGTH : V1_STAMP_HEADER_LENGTH;
  }

  /** Whether this is an envelope (encrypted) rather than a stamp (cleartext payload). */
  public boolean isEnvelope() {
    return algorithm.kind() == Algorithm.Kind.AEAD;
  }

  /** 27, or 15 for a version 1 stamp. */
  public int headerLength() {
    return headerLength(version, isEnvelope());
  }

  /**
   * Where the replay identity of the message is: the 12 bytes at this offset, the nonce of an
   * envelope or version 2 stamp, the first 12 bytes of the tag or signature of a version 1 stamp.
   */
  public int replayIdOffset() {
    return NONCE_OFFSET;
  }

  /** Where the ciphertext (envelopes) or the cleartext payload (stamps) starts. */
  public int bodyOffset() {
    return isEnvelope() ? LONG_HEADER_LENGTH : headerLength() + algorithm.tagLength();
  }
}
