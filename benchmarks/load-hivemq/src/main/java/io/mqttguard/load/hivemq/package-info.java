/**
 * HiveMQ CE load test: embedded HiveMQ CE with only an allow-all authenticator extension vs MQTT
 * Guard loaded from the built extension zip (ACLs, then ACLs plus payload decryption), in one run.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.load.hivemq;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
