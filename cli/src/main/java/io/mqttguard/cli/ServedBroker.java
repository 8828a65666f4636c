package io.mqttguard.cli;

/** A broker that {@code serve} started; {@link #close()} stops it and removes its files. */
sealed interface ServedBroker extends AutoCloseable permits HiveMqServer, MoquetteServer {
  /** The broker's name for the banner, e.g. {@code HiveMQ CE}. */
  String name();

  /** Whether it speaks MQTT 5 (else 3.1.1 only). */
  boolean mqtt5();

  @Override
  void close();
}
