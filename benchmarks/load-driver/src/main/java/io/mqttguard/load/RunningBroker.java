package io.mqttguard.load;

/** A started broker under test; {@link #close} stops it and releases its files; never throws. */
public interface RunningBroker extends AutoCloseable {
  /** The plain TCP port on 127.0.0.1. */
  int port();

  @Override
  void close();
}
