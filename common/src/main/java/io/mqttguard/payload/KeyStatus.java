package io.mqttguard.payload;

/** Rotation state of a key: add as enabled, promote to primary, later disable the old one. */
enum KeyStatus {
  /** Used for sealing (one per kind) and accepted. */
  PRIMARY,
  /** Accepted, not used for sealing. */
  ENABLED,
  /** Refused with {@link RefusalReason#KEY_DISABLED}; its material is not kept in memory. */
  DISABLED;

  boolean usable() {
    return this != DISABLED;
  }
}
