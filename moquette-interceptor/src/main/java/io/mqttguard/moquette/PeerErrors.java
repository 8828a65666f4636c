package io.mqttguard.moquette;

import io.mqttguard.audit.LogBudget;
import io.netty.channel.Channel;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs connections closed for what any peer can send (garbage, failed TLS handshakes, oversize
 * packets): one WARN line per event, without stack trace (that is logged at DEBUG), rate-limited to
 * {@value #BURST} lines at once and {@value #PER_SECOND} per second for the whole broker; the next
 * line written says how many were dropped. Thread-safe; one per broker.
 */
final class PeerErrors {
  static final int BURST = 10;
  static final int PER_SECOND = 1;
  private static final int MAX_DETAIL = 160;
  private static final Logger LOG = LoggerFactory.getLogger(PeerErrors.class);

  private final LogBudget budget;

  PeerErrors(Clock clock) {
    this.budget = LogBudget.tokenBucket(clock, BURST, PER_SECOND);
  }

  /** Reports that {@code channel} (of {@code listener}) is closed because of {@code what}. */
  void closed(Channel channel, String listener, String what, @Nullable Throwable cause) {
    long dropped = budget.take();
    if (dropped >= 0) {
      LOG.warn(
          "MQTT Guard: closed {} connection from {}: {}{}{}",
          listener,
          channel.remoteAddress(),
          what,
          cause == null ? "" : " (" + summary(cause) + ")",
          dropped == 0 ? "" : "; " + dropped + " similar lines dropped before");
    }
    if (cause != null && LOG.isDebugEnabled()) {
      LOG.debug("MQTT Guard: cause of closing " + listener + " connection", cause);
    }
  }

  /** The innermost cause's type and message, capped, control characters replaced. */
  static String summary(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getClass().getSimpleName() + ": " + root.getMessage();
    if (m.length() > MAX_DETAIL) {
      m = m.substring(0, MAX_DETAIL) + "...";
    }
    StringBuilder b = new StringBuilder(m.length());
    m.chars().forEach(c -> b.append(Character.isISOControl(c) ? '?' : (char) c));
    return b.toString();
  }
}
