package io.mqttguard.guard;

/**
 * Told by a {@link Guard} that a live client lost its right to stay connected (its user was removed
 * or disabled, its certificate was revoked or expired, its roles or client-ID binding changed). The
 * adapter disconnects the client, e.g. HiveMQ {@code ClientService.disconnectClient} or Moquette
 * {@code Server.disconnectClient}. From this moment every decision of the session already denies,
 * so a late disconnect never lets the client act with stale rights.
 *
 * <p>Called at most once per session, on the reload thread (or the thread that called {@link
 * Guard#reload()}); implementations must be thread-safe and should not block. An exception thrown
 * here is logged and ignored (the session stays revoked).
 */
@FunctionalInterface
public interface RevocationListener {
  /**
   * @param session the revoked session ({@link ClientSession#identity()} names the client)
   * @param auditDetail why, for logs only (never sent to the client; contains no secret)
   */
  void revoked(ClientSession session, String auditDetail);
}
