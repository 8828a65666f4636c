package io.mqttguard.it.clients;

import java.util.List;

/**
 * One implementation sealing one {@link SealCase} in one wire format version.
 *
 * @param impl {@code cli}, {@code c}, {@code python} or {@code js}
 * @param format wire format version 1 or 2
 * @param sealCase algorithm, key and binding
 */
record Combination(String impl, int format, SealCase sealCase) {
  /** Every selected implementation × selected format × case of that format. */
  static List<Combination> all() {
    return Implementations.selected().stream()
        .flatMap(
            impl ->
                Implementations.formats().stream()
                    .flatMap(f -> SealCase.all(f).stream().map(c -> new Combination(impl, f, c))))
        .toList();
  }

  /**
   * A topic of this combination under {@code prefix}, with non-ASCII characters where they reach
   * child processes intact (the vectors cover UTF-8 topics in any case).
   */
  String topic(String prefix) {
    String tail = Implementations.argumentsAreUtf8() ? "/température" : "/temperature";
    return prefix + "/" + impl + "/v" + format + "/" + sealCase.name() + tail;
  }

  /** The publisher's client ID of this combination. */
  String clientId() {
    return "pub-" + impl + "-v" + format + "-" + sealCase.name();
  }

  @Override
  public String toString() {
    return impl + " v" + format + " " + sealCase.name();
  }
}
