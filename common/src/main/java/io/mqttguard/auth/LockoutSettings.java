package io.mqttguard.auth;

import java.time.Duration;

/**
 * Brute-force lockout. After {@code maxFailuresPerUsername} failed password attempts for one
 * username (or {@code maxFailuresPerAddress} from one remote address) within {@code window}, that
 * key is blocked for {@code initialBlock}; each further block of the same key doubles, up to {@code
 * maxBlock}. Blocked attempts are rejected without hashing. At most {@code maxTrackedKeys} keys are
 * remembered (least recently used are dropped first).
 */
public record LockoutSettings(
    boolean enabled,
    int maxFailuresPerUsername,
    int maxFailuresPerAddress,
    Duration window,
    Duration initialBlock,
    Duration maxBlock,
    int maxTrackedKeys) {

  /** 5 per username / 20 per address in 5 min; block 30 s doubling to 15 min; 100 000 keys. */
  public static final LockoutSettings DEFAULT =
      new LockoutSettings(
          true,
          5,
          20,
          Duration.ofMinutes(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(15),
          100_000);

  public LockoutSettings {
    if (maxFailuresPerUsername < 1 || maxFailuresPerAddress < 1 || maxTrackedKeys < 1) {
      throw new IllegalArgumentException("lockout limits must be positive");
    }
    if (window.isNegative()
        || window.isZero()
        || initialBlock.isNegative()
        || initialBlock.isZero()
        || maxBlock.compareTo(initialBlock) < 0) {
      throw new IllegalArgumentException(
          "lockout durations must be positive and maxBlock >= initialBlock");
    }
  }
}
