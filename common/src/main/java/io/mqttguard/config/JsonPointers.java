package io.mqttguard.config;

/** Builds RFC 6901 JSON pointers. */
public final class JsonPointers {
  private JsonPointers() {}

  /** {@code base} extended by one object key, escaping {@code ~} and {@code /}. */
  public static String child(String base, String key) {
    return base + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code base} extended by one array index. */
  public static String child(String base, int index) {
    return base + "/" + index;
  }
}
