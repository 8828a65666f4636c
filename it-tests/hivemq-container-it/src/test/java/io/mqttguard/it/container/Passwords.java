package io.mqttguard.it.container;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mqttguard.auth.PasswordHasher;
import java.security.SecureRandom;

/** Argon2id hashes for users.json, made with the core's own hasher (the production default). */
final class Passwords {
  private static final PasswordHasher HASHER = PasswordHasher.argon2id(new SecureRandom());

  private Passwords() {}

  static String hash(String password) {
    return HASHER.hash(password.getBytes(UTF_8));
  }
}
