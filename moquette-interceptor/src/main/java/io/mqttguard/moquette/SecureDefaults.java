package io.mqttguard.moquette;

import io.moquette.BrokerConstants;
import io.moquette.broker.config.IConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Turns the embedding application's Moquette properties into the ones the guarded broker runs with.
 * Fail-open Moquette defaults are replaced unless the application set the property itself: bind to
 * loopback instead of 0.0.0.0, telemetry off, 64 KiB maximum packet (room for payload envelopes).
 * Settings that would bypass or disable the guard are refused with a clear message.
 */
final class SecureDefaults {
  /** Applied when the application did not set the property. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          IConfig.HOST_PROPERTY_NAME, "127.0.0.1",
          IConfig.ENABLE_TELEMETRY_NAME, "false",
          IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, "65536",
          BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "false");

  /** Properties that must not be set (to anything but their safe value), and why. */
  private static final Map<String, String> FORBIDDEN =
      Map.of(
          IConfig.AUTHENTICATOR_CLASS_NAME, "authentication is done by MQTT Guard (users.json)",
          IConfig.AUTHORIZATOR_CLASS_NAME, "authorization is done by MQTT Guard (acl.json)",
          IConfig.PASSWORD_FILE_PROPERTY_NAME, "use users.json (mosquitto-style hashes migrate)",
          IConfig.ACL_FILE_PROPERTY_NAME, "use acl.json",
          BrokerConstants.METRICS_ENABLE_PROPERTY_NAME,
              "Moquette metrics occupy the pipeline slot the MQTT Guard hook needs",
          BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "bugsnag is not shipped with MQTT Guard");

  private SecureDefaults() {}

  /**
   * The effective properties.
   *
   * @throws IllegalArgumentException listing every setting that would weaken the guard
   */
  static Properties apply(Properties requested) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> f : FORBIDDEN.entrySet()) {
      String v = requested.getProperty(f.getKey());
      if (v != null && !(isBooleanFlag(f.getKey()) && v.trim().equalsIgnoreCase("false"))) {
        problems.add(f.getKey() + "=" + v + " is not supported: " + f.getValue());
      }
    }
    String anonymous = requested.getProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME);
    if (anonymous != null && !anonymous.trim().equalsIgnoreCase("false")) {
      problems.add(
          IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME
              + "="
              + anonymous
              + " is not supported: anonymous access is configured in acl.json"
              + " (\"anonymous\"), Moquette must refuse anything that bypassed MQTT Guard");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Moquette configuration rejected by MQTT Guard:\n  - " + String.join("\n  - ", problems));
    }
    Properties effective = new Properties();
    DEFAULTS.forEach(effective::setProperty);
    requested
        .stringPropertyNames()
        .forEach(k -> effective.setProperty(k, requested.getProperty(k)));
    effective.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
    return effective;
  }

  /**
   * The effective {@code netty.mqtt.message_size} (largest remaining length Moquette decodes).
   *
   * @throws IllegalArgumentException if it is not a positive integer
   */
  static int maxPacketBytes(Properties effective) {
    String v = effective.getProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, "").trim();
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        IConfig.NETTY_MAX_BYTES_PROPERTY_NAME + "=" + v + " is not a positive number of bytes");
  }

  private static boolean isBooleanFlag(String key) {
    return key.equals(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME)
        || key.equals(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME);
  }
}
