package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.guard.ConnectOutcome;
import io.mqttguard.guard.Guard;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT → {@link Guard#connect} → one HiveMQ output call. The decision is awaited asynchronously
 * (HiveMQ's extension task thread is released at once; password hashing runs on the guard's own
 * bounded executor). A decision that does not arrive within the timeout fails closed with
 * SERVER_BUSY. Never calls {@code nextExtensionOrDefault()}: another extension (e.g. allow-all)
 * must never decide in our place.
 *
 * <p>Thread-safe; HiveMQ may share one instance across all clients.
 */
final class GuardAuthenticator implements SimpleAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(GuardAuthenticator.class);

  /** Sent to clients for every rejection: the precise reason stays in the audit log. */
  static final String REJECTED = "Connection refused by MQTT Guard";

  private final Guard guard;
  private final LiveSessions sessions;
  private final Duration timeout;

  GuardAuthenticator(Guard guard, LiveSessions sessions, Duration timeout) {
    this.guard = guard;
    this.sessions = sessions;
    this.timeout = timeout;
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    Async<SimpleAuthOutput> async =
        output.async(
            timeout,
            TimeoutFallback.FAILURE,
            ConnackReasonCode.SERVER_BUSY,
            "Authentication timed out");
    try {
      ConnectRequest request = HiveMqRequests.connectRequest(input);
      var unused =
          guard
              .connect(request)
              .whenComplete(
                  (outcome, error) -> {
                    try {
                      decide(input, async.getOutput(), outcome, error);
                    } finally {
                      async.resume();
                    }
                  });
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: authentication failed internally; refusing the client", e);
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, REJECTED);
      async.resume();
    }
  }

  private void decide(
      SimpleAuthInput input,
      SimpleAuthOutput output,
      @org.jspecify.annotations.Nullable ConnectOutcome outcome,
      @org.jspecify.annotations.Nullable Throwable error) {
    if (outcome instanceof ConnectOutcome.Accepted accepted) {
      try {
        sessions.add(
            input.getConnectionInformation().getConnectionAttributeStore(),
            accepted.session(),
            HiveMqRequests.sessionExpiry(input.getConnectPacket()));
        output.authenticateSuccessfully(true);
      } catch (RuntimeException e) {
        // e.g. the async timeout already answered: the broker refused the client after all
        sessions.remove(input.getConnectionInformation().getConnectionAttributeStore());
        LOG.warn("MQTT Guard: accepted CONNECT could not be completed: {}", e.toString());
      }
      return;
    }
    try {
      if (outcome instanceof ConnectOutcome.Rejected rejected) {
        output.failAuthentication(ReasonCodes.connack(rejected.reason()), REJECTED);
      } else {
        LOG.error("MQTT Guard: authentication failed internally; refusing the client", error);
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, REJECTED);
      }
    } catch (RuntimeException e) {
      LOG.debug("MQTT Guard: late rejection ignored (timeout already answered): {}", e.toString());
    }
  }
}
