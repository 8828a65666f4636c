/**
 * The resolved identity of a connected client: what authentication produced and what the ACL engine
 * and payload rules are compiled from.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.identity;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
