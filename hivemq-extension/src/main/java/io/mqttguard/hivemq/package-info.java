/**
 * The HiveMQ CE adapter: translates HiveMQ extension callbacks into requests to the
 * broker-independent MQTT Guard facade and its decisions back into exactly one HiveMQ output call.
 * No policy logic lives here.
 *
 * <p>Entry point: {@link io.mqttguard.hivemq.MqttGuardExtensionMain}, the single composition root,
 * registered in {@code META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain}.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.hivemq;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
