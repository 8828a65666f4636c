package io.mqttguard.it.moquette;

import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.testsupport.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The scenario configuration directory: users alice (operator, bound to {@code alice-*}), bob
 * (reader, unbound), mallory (limited + client-scoped), certificate devices (CN = username = client
 * ID), a verify-hmac rule on {@code secure/stamped/#} and a decrypt rule on the rest of {@code
 * secure/#}. Lockout is off so that the many deliberate failures of a test run do not ban
 * 127.0.0.1.
 */
final class ConfigDir {
  static final byte[] AES_KEY = new byte[32];
  static final byte[] HMAC_KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(AES_KEY);
    new SecureRandom().nextBytes(HMAC_KEY);
  }

  static final String ACL =
      """
      {"roles": {
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"],
           "topics": ["alice/#", "shared/#", "secure/#"]}]},
        "reader": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["shared/#", "bob/#", "secure/#"]},
          {"effect": "allow", "actions": ["publish"], "topics": ["bob/#"]},
          {"effect": "deny", "actions": ["receive"], "topics": ["shared/private"]}]},
        "limited": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["m/#"]}]},
        "client-scoped": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"],
           "topics": ["clients/${client.id}/#"]}]},
        "sensor": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["devices/${cert.cn}/#"]},
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["devices/${cert.cn}/cmd"]}]}
      }}
      """;

  static final String GUARD =
      """
      {"listeners": {
         "tcp": {"authentication": "password", "requireTlsForPassword": false},
         "websocket": {"authentication": "password", "requireTlsForPassword": false},
         "tls": {"authentication": "certificate-or-password"}},
       "lockout": {"enabled": false}}
      """;

  static final String PAYLOAD =
      """
      {"rules": [
        {"topics": ["secure/stamped/#"], "action": "verify-hmac", "keys": [8]},
        {"topics": ["secure/#"], "action": "decrypt", "keys": [7]}]}
      """;

  private ConfigDir() {}

  static String keys() {
    return "{\"keys\": [{\"id\": 7, \"algorithm\": \"AES-256-GCM\", \"status\": \"primary\","
        + " \"material\": \""
        + Base64.getEncoder().encodeToString(AES_KEY)
        + "\"}, {\"id\": 8, \"algorithm\": \"HMAC-SHA256\", \"status\": \"primary\","
        + " \"material\": \""
        + Base64.getEncoder().encodeToString(HMAC_KEY)
        + "\"}]}";
  }

  static String users(String... extraUsers) {
    PasswordHasher h = PasswordHasher.argon2id(new SecureRandom());
    StringBuilder b = new StringBuilder("{\"users\": {");
    b.append(user(h, "alice", "[\"operator\"]", "[\"alice-*\"]")).append(',');
    b.append(user(h, "bob", "[\"reader\"]", null)).append(',');
    b.append(user(h, "mallory", "[\"limited\", \"client-scoped\"]", null));
    for (String extra : extraUsers) {
      b.append(',').append(extra);
    }
    b.append("}, \"certificates\": [{\"name\": \"devices\",")
        .append(" \"match\": {\"issuer\": \"" + TestPki.CA_SUBJECT + "\"},")
        .append(" \"username\": \"${cert.cn}\", \"roles\": [\"sensor\"],")
        .append(" \"clientIds\": [\"${cert.cn}\"]}]}");
    return b.toString();
  }

  static String user(
      PasswordHasher h,
      String name,
      String roles,
      @org.jspecify.annotations.Nullable String clientIds) {
    String hash = h.hash(password(name).getBytes(StandardCharsets.UTF_8));
    return "\""
        + name
        + "\": {\"password\": \""
        + hash
        + "\", \"roles\": "
        + roles
        + (clientIds == null ? "" : ", \"clientIds\": " + clientIds)
        + "}";
  }

  /** Each user's password in the scenarios. */
  static String password(String user) {
    return user + "-secret-pw";
  }

  @com.google.errorprone.annotations.CanIgnoreReturnValue
  static Path write(Path dir) throws IOException {
    write(dir, "acl.json", ACL);
    write(dir, "users.json", users());
    write(dir, "guard.json", GUARD);
    write(dir, "keys.json", keys());
    write(dir, "payload.json", PAYLOAD);
    return dir;
  }

  /** Replaces a file atomically (as an operator's deploy tool would). */
  static void write(Path dir, String name, String content) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
