/** Integration scenarios: embedded Moquette 0.17 guarded by MQTT Guard, real MQTT clients. */
@NullMarked
@CheckReturnValue
package io.mqttguard.it.moquette;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
