/**
 * The device libraries of {@code clients/} (C, Python, JavaScript) and the Java CLI tested against
 * each other and against an embedded guarded broker: their own test runners, cross-implementation
 * sealing and opening, and delivery through real MQTT clients.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.it.clients;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
