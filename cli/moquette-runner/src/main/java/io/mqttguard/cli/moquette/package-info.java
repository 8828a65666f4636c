/**
 * What {@code mqtt-guard serve --broker moquette} runs in a child JVM: an embedded Moquette 0.17
 * broker guarded by MQTT Guard. Kept out of the CLI's classpath because Moquette and HiveMQ CE
 * carry different Netty versions.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.cli.moquette;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
