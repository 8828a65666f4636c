/**
 * Moquette 0.17 load test: embedded Moquette without any authenticator or authorizer (anonymous
 * allowed, everything permitted) vs Moquette secured by MQTT Guard (ACLs, then ACLs plus payload
 * decryption), in one run.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.load.moquette;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
