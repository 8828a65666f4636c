/**
 * Test helpers shared by the tests of several modules: a {@link
 * io.mqttguard.testsupport.MutableClock clock that moves only when told to}, a broker TLS PKI on
 * disk ({@link io.mqttguard.testsupport.TestPki}), in-memory certificates and CRLs at a fixed
 * instant ({@link io.mqttguard.testsupport.TestCertificates}), real and raw-socket MQTT clients
 * ({@link io.mqttguard.testsupport.Mqtt5TestClient}, {@link io.mqttguard.testsupport.RawClient},
 * {@link io.mqttguard.testsupport.RawPackets}, {@link io.mqttguard.testsupport.Mosquitto}).
 *
 * <p>Used with scope {@code test} only. Depends on no MQTT Guard module (so that {@code common}'s
 * own tests can use it); BouncyCastle, the HiveMQ MQTT client and the HiveMQ extension SDK are
 * optional dependencies that a user of the classes needing them declares itself. Never add a {@code
 * META-INF/services} entry for HiveMQ's {@code ExtensionMain} here: this jar is on the
 * embedded-HiveMQ ITs' classpath.
 */
@NullMarked
package io.mqttguard.testsupport;

import org.jspecify.annotations.NullMarked;
