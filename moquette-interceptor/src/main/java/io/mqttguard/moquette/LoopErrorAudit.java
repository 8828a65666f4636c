package io.mqttguard.moquette;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptExceptionMessage;
import io.moquette.interception.messages.InterceptPublishMessage;

/**
 * Audits {@code onSessionLoopError}: in Moquette 0.17 a session loop dies on an uncaught exception
 * (our callbacks never throw; this records anything else that does). Observes nothing else.
 */
final class LoopErrorAudit extends AbstractInterceptHandler {
  private final AdapterAudit audit;

  LoopErrorAudit(AdapterAudit audit) {
    this.audit = audit;
  }

  @Override
  public String getID() {
    return "mqttguard-loop-error-audit";
  }

  @Override
  public Class<?>[] getInterceptedMessageTypes() {
    return new Class<?>[] {InterceptExceptionMessage.class};
  }

  @Override
  public void onPublish(InterceptPublishMessage msg) {
    msg.getPayload().release();
  }

  @Override
  public void onSessionLoopError(Throwable error) {
    audit.error("session-loop", null, error);
  }
}
