package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import io.mqttguard.guard.ClientSession;

/**
 * Tells the guard when HiveMQ has connected an accepted client (confirming its client-ID claim) and
 * when the connection ends (releasing or reserving the client ID for the session expiry, after
 * {@link LiveConnections#CLOSE_GRACE} so that packets sent before the DISCONNECT are still
 * decided). Thread-safe.
 */
final class LifecycleListener implements ClientLifecycleEventListener {
  private final LiveConnections sessions;

  LifecycleListener(LiveConnections sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onMqttConnectionStart(ConnectionStartInput input) {}

  @Override
  public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
    ClientSession session = sessions.find(input);
    Connection connection = sessions.connection(input);
    if (session != null) {
      session.connected(connection == null || connection.cleanStart());
    }
  }

  @Override
  public void onDisconnect(DisconnectEventInput input) {
    sessions.disconnected(input.getConnectionInformation().getConnectionAttributeStore());
  }
}
