package io.mqttguard.auth;

/** The stored password hash formats understood by {@link PasswordHash#parse(String)}. */
public enum HashFormat {
  /** PHC {@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}: the default for new hashes. */
  ARGON2ID,
  /**
   * PHC {@code $argon2i$v=19$m=...,t=...,p=...$salt$hash}: read for migration only (always reported
   * weak: rehash with argon2id). argon2d is refused.
   */
  ARGON2I,
  /** {@code $2a$}, {@code $2b$}, {@code $2y$} bcrypt. */
  BCRYPT,
  /** PHC/passlib {@code $scrypt$ln=...,r=...,p=...$salt$hash}. */
  SCRYPT,
  /** PHC {@code $pbkdf2-sha256$i=...[,l=...]$salt$hash} (also passlib's {@code $<iter>$}). */
  PBKDF2_SHA256,
  /** PHC {@code $pbkdf2-sha512$i=...[,l=...]$salt$hash} (also passlib's {@code $<iter>$}). */
  PBKDF2_SHA512,
  /** mosquitto {@code $6$salt$hash}: one round of SHA-512 (migration only; always weak). */
  MOSQUITTO_SHA512,
  /** mosquitto {@code $7$iterations$salt$hash}: PBKDF2-HMAC-SHA512, 64-byte output. */
  MOSQUITTO_PBKDF2,
  /** HiveMQ file-rbac {@code base64(salt):iterations:base64(hash)}: PBKDF2-HMAC-SHA512. */
  HIVEMQ_FILE_RBAC,
  /** mosquitto-go-auth {@code PBKDF2$sha512|sha256$iterations$base64(salt)$base64(hash)}. */
  GO_AUTH_PBKDF2
}
