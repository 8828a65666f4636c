package io.mqttguard.guard;

/**
 * What a broker can do with the payload of a will it stores: the payload rules may replace a
 * payload (decrypt it, strip its integrity trailer), and not every broker can store the replaced
 * bytes as the will.
 */
public enum WillPayloads {
  /** The adapter stores the will itself and publishes the payload the core hands it (Moquette). */
  REPLACEABLE,
  /**
   * The broker publishes the will as the client sent it (HiveMQ: wills bypass the inbound
   * interceptors), so a will whose payload the rules would replace must be refused.
   */
  PASS_THROUGH_ONLY
}
