package io.mqttguard.guard;

/**
 * The counters a {@link Guard} keeps. Each has a stable dotted {@link #metricName()} for metric
 * registries (e.g. HiveMQ's); the names are listed in {@code docs/operations.md}.
 */
public enum GuardMetric {
  /** CONNECTs accepted. */
  AUTH_SUCCESS("mqttguard.auth.success"),
  /** CONNECTs rejected (any reason). */
  AUTH_FAILURE("mqttguard.auth.failure"),
  /** Accepted password logins answered from the verification cache (no hashing). */
  AUTH_CACHE_HIT("mqttguard.auth.cache.hit"),
  /** Accepted password logins that needed a hash verification. */
  AUTH_CACHE_MISS("mqttguard.auth.cache.miss"),
  /** PUBLISH decisions that denied. */
  PUBLISH_DENIED("mqttguard.acl.publish.denied"),
  /** SUBSCRIBE decisions that denied. */
  SUBSCRIBE_DENIED("mqttguard.acl.subscribe.denied"),
  /** Delivery (receive) decisions that denied. */
  RECEIVE_DENIED("mqttguard.acl.receive.denied"),
  /** Inbound payloads replaced (decrypted or verified and unwrapped). */
  PAYLOAD_REPLACED("mqttguard.payload.replaced"),
  /** Inbound payloads refused by the payload rules. */
  PAYLOAD_REFUSED("mqttguard.payload.refused"),
  /** Configuration reloads that were applied. */
  RELOAD_SUCCESS("mqttguard.reload.success"),
  /** Configuration reloads that were rejected (the last good snapshot stayed). */
  RELOAD_FAILURE("mqttguard.reload.failure"),
  /** Live sessions revoked after a reload or recheck (the adapter was told to disconnect them). */
  SESSIONS_REVOKED("mqttguard.sessions.revoked");

  private final String metricName;

  GuardMetric(String metricName) {
    this.metricName = metricName;
  }

  /** The stable dotted name, e.g. {@code mqttguard.auth.success}. */
  public String metricName() {
    return metricName;
  }
}
