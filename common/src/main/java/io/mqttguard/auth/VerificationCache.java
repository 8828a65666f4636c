package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Remembers successful verifications so that reconnect storms cost an HMAC instead of a slow hash.
 * The key is HMAC-SHA256, under a random per-instance key, of (username, presented password, stored
 * hash string), each length-prefixed; the password is never stored. A changed stored hash changes
 * the key, and {@link #invalidateAll()} runs on every configuration swap. Thread-safe.
 */
final class VerificationCache {
  private final CacheSettings settings;
  private final byte[] macKey;
  private final Cache<String, Boolean> cache;

  VerificationCache(CacheSettings settings, Clock clock, SecureRandom random) {
    this.settings = settings;
    this.macKey = HashParser.randomBytes(random, 32);
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(settings.maximumSize())
            .expireAfterWrite(settings.expireAfter())
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
  }

  CacheSettings settings() {
    return settings;
  }

  String keyFor(String username, byte[] password, String storedHash) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(macKey));
    update(mac, username.getBytes(UTF_8));
    update(mac, password);
    update(mac, storedHash.getBytes(UTF_8));
    byte[] out = new byte[mac.getMacSize()];
    var unused = mac.doFinal(out, 0);
    return Base64.getEncoder().encodeToString(out);
  }

  boolean contains(String key) {
    return settings.enabled() && cache.getIfPresent(key) != null;
  }

  void put(String key) {
    if (settings.enabled()) {
      cache.put(key, Boolean.TRUE);
    }
  }

  void invalidateAll() {
    cache.invalidateAll();
  }

  private static void update(HMac mac, byte[] field) {
    int n = field.length;
    mac.update((byte) (n >>> 24));
    mac.update((byte) (n >>> 16));
    mac.update((byte) (n >>> 8));
    mac.update((byte) n);
    mac.update(field, 0, n);
  }
}
