package io.mqttguard.payload;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the broker does with one inbound PUBLISH payload. Immutable; never contains key material.
 * Adapters translate it with exactly one broker call: forward unchanged, forward {@link
 * Replaced#payload()}, or drop the message with {@link Refused#reason()}'s MQTT 5 reason code.
 */
public sealed interface PayloadVerdict
    permits PayloadVerdict.PassThrough, PayloadVerdict.Replaced, PayloadVerdict.Refused {

  /** Whether the message may be distributed (unchanged or replaced). */
  boolean delivered();

  /**
   * Whether a payload rule applied and accepted the protected payload ({@link Replaced}, or {@link
   * PassThrough#VERIFIED} for a stamp kept by {@code keepStamp}): only such messages can be
   * retransmitted without counting as a replay.
   */
  boolean verified();

  /** The shared pass-through outcome of a payload no rule applies to. */
  static PayloadVerdict passThrough() {
    return PassThrough.INSTANCE;
  }

  /** Forward the payload unchanged. */
  enum PassThrough implements PayloadVerdict {
    /** No payload rule applies to the topic, or a {@code require-protected} rule let it pass. */
    INSTANCE,
    /** A rule verified the stamp and forwards it as received ({@code "keepStamp": true}). */
    VERIFIED;

    @Override
    public boolean delivered() {
      return true;
    }

    @Override
    public boolean verified() {
      return this == VERIFIED;
    }
  }

  /**
   * Forward {@code payload} instead of the received bytes (decrypted plaintext, or the payload with
   * its integrity trailer stripped). The array is owned by the receiver of the outcome.
   */
  @SuppressWarnings("ArrayRecordComponent") // a payload is a byte array; copying it twice is waste
  record Replaced(byte[] payload) implements PayloadVerdict {
    public Replaced {
      requireNonNull(payload, "payload");
    }

    @Override
    public boolean delivered() {
      return true;
    }

    @Override
    public boolean verified() {
      return true;
    }

    /** Equal if the payload bytes are equal (constant-time comparison: payloads may be secret). */
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Replaced other && MessageDigest.isEqual(other.payload, payload);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(payload);
    }

    /** Shows the length only, never the bytes. */
    @Override
    public String toString() {
      return "Replaced[" + payload.length + " bytes]";
    }
  }

  /**
   * Drop the message. The client sees only {@link RefusalReason#mqtt5ReasonCode()} (MQTT 5
   * PUBACK/PUBREC) or nothing (MQTT 3.1.1, QoS 0); the precise reason is in the audit log.
   */
  record Refused(RefusalReason reason) implements PayloadVerdict {
    /** The uniform text sent to clients where a reason string is allowed. */
    public static final String CLIENT_MESSAGE = "payload refused";

    public Refused {
      requireNonNull(reason, "reason");
    }

    @Override
    public boolean delivered() {
      return false;
    }

    @Override
    public boolean verified() {
      return false;
    }
  }
}
