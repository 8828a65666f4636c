/**
 * MQTT topic names and topic filters per MQTT 3.1.1 and 5.0 §4.7: validation, matching,
 * containment, intersection and shared subscriptions. All types are immutable and thread-safe.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.topic;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
