package io.mqttguard.payload;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.TopicFilter;
import java.util.List;

/** The guard of {@link PayloadGuard#disabled()}: payload protection off. Stateless singleton. */
enum DisabledPayloadGuard implements PayloadGuard {
  INSTANCE;

  @Override
  public PayloadVerdict inbound(String topic, ClientIdentity identity, byte[] payload) {
    return PayloadVerdict.passThrough();
  }

  @Override
  public boolean hasRules() {
    return false;
  }

  @Override
  public boolean mayApply(List<TopicFilter> filters) {
    return false;
  }
}
