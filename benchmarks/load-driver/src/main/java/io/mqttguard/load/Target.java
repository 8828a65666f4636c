package io.mqttguard.load;

import io.mqttguard.payload.PayloadSealer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One broker setup of a comparison.
 *
 * @param name short name ({@code allow-all}, {@code acl}, {@code acl+decrypt}, ...)
 * @param description one line for the report
 * @param starter starts a fresh broker in a scratch directory
 * @param sealer non-null if every message must be sealed (AES-256-GCM envelope, bound to the topic)
 * @param discardSealed if true the publisher seals every message but sends the plaintext: a control
 *     target that puts the client-side sealing cost on a broker without decryption
 */
public record Target(
    String name,
    String description,
    Starter starter,
    @Nullable PayloadSealer sealer,
    boolean discardSealed) {

  /** A target whose publishers send plaintext (no sealing). */
  public static Target plain(String name, String description, Starter starter) {
    return new Target(name, description, starter, null, false);
  }

  /** Starts the broker of a target. */
  @FunctionalInterface
  public interface Starter {
    RunningBroker start(Path scratch) throws Exception;
  }
}
