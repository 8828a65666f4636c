/**
 * The broker-independent facade that every adapter (HiveMQ extension, Moquette) and the CLI use: it
 * loads one configuration directory into an immutable {@link io.mqttguard.guard.ConfigSnapshot},
 * authenticates CONNECTs, gives each connected client a {@link io.mqttguard.guard.ClientSession}
 * that answers publish/subscribe/receive and payload questions against the current snapshot, and
 * hot-reloads the directory with last-good semantics, telling the adapter which live clients must
 * be disconnected. Adapters only translate broker callbacks to these calls.
 *
 * <p>Entry points: {@link io.mqttguard.guard.Guard#open} (brokers) and {@link
 * io.mqttguard.guard.Guard#check} (validation only, for the CLI). See {@code docs/operations.md}.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.guard;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
