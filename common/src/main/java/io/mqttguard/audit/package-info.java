/**
 * Structured audit events: one JSON line per security decision on the SLF4J logger {@code
 * io.mqttguard.audit}. Events never carry passwords, hashes, keys or payloads.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.audit;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
