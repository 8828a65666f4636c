/**
 * Broker-independent MQTT load generator: N publishers to M subscribers over loopback with the
 * HiveMQ MQTT client (async API), an end-to-end in-flight window per publisher, a warm-up and a
 * measured window, delivered msgs/s and end-to-end latency percentiles, and ratio reports against a
 * baseline target of the same run. Used by the {@code load-hivemq} and {@code load-moquette} mains;
 * never run by {@code ./mvnw verify}.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.load;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
