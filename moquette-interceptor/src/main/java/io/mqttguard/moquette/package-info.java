/**
 * MQTT Guard for embedded Moquette 0.17: an entry point that starts a Moquette {@code Server} with
 * secure defaults, an {@code IAuthenticator}/{@code IAuthorizatorPolicy} pair and a Netty pipeline
 * hook in front of Moquette's MQTT handler. The adapter only translates broker events into core
 * requests and core decisions into one broker action; every decision is made by the core.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.moquette;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
