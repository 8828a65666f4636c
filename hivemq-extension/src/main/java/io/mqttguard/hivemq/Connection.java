package io.mqttguard.hivemq;

import io.mqttguard.guard.AcceptedWill;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the adapter knows about one accepted connection: whether it resumes a session (CONNECT
 * without clean start), its accepted will, whether the client initializer ran and what it
 * installed, and the filters of the SUBSCRIBEs we allowed (recorded before each decision, removed
 * on UNSUBSCRIBE: a superset of its subscriptions, re-checked after a reload). Thread-safe.
 */
final class Connection {
  private final boolean cleanStart;
  private final @Nullable AcceptedWill will;
  private volatile boolean initialized;
  private volatile ClientHooks.@Nullable Installed installed;
  private final ConcurrentHashMap<String, Integer> subscriptions = new ConcurrentHashMap<>();

  Connection(boolean cleanStart, @Nullable AcceptedWill will) {
    this.cleanStart = cleanStart;
    this.will = will;
  }

  /** The will accepted at CONNECT (re-checked after reloads), or {@code null}. */
  @Nullable AcceptedWill will() {
    return will;
  }

  /** Whether the client initializer ran for this connection. */
  boolean initialized() {
    return initialized;
  }

  /** Marks that the client initializer ran (whatever it then installed). */
  void markInitialized() {
    initialized = true;
  }

  /** Whether the CONNECT asked for a clean start (no stored subscriptions or messages). */
  boolean cleanStart() {
    return cleanStart;
  }

  /** What the initializer installed, or {@code null} before it ran (or if it failed). */
  ClientHooks.@Nullable Installed installed() {
    return installed;
  }

  void installed(ClientHooks.Installed value) {
    installed = value;
  }

  /**
   * Records a filter <em>before</em> its SUBSCRIBE is decided (so a reload that happens during the
   * decision re-checks it), with the highest QoS asked for it; returns the previous entry for
   * {@link #subscribeDenied}.
   */
  @Nullable Integer subscribing(String filterOrShared, int qos) {
    Integer[] previous = {null};
    subscriptions.compute(
        filterOrShared,
        (f, old) -> {
          previous[0] = old;
          return old == null ? qos : Math.max(old, qos);
        });
    return previous[0];
  }

  /** Undoes {@link #subscribing}: the SUBSCRIBE was denied (an earlier one stays recorded). */
  void subscribeDenied(String filterOrShared, @Nullable Integer previous) {
    subscriptions.compute(filterOrShared, (f, now) -> previous);
  }

  /** The client unsubscribed from {@code filterOrShared}: it no longer needs re-checking. */
  void unsubscribed(String filterOrShared) {
    subscriptions.remove(filterOrShared);
  }

  /** Filter → highest granted QoS of every SUBSCRIBE we allowed on this connection. */
  Map<String, Integer> subscriptions() {
    return Map.copyOf(subscriptions);
  }
}
