package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.config.ConfigException;

/** What one reload check did. */
public sealed interface ReloadOutcome
    permits ReloadOutcome.Unchanged, ReloadOutcome.Applied, ReloadOutcome.Rejected {

  /**
   * The directory's content hash equals the current snapshot's (or the last rejected attempt's):
   * nothing was loaded.
   */
  record Unchanged(String fingerprint) implements ReloadOutcome {
    public Unchanged {
      requireNonNull(fingerprint, "fingerprint");
    }
  }

  /**
   * A new snapshot is in force; live sessions were re-checked.
   *
   * @param snapshot the new snapshot
   * @param revokedSessions how many live connections were revoked (and reported to the {@link
   *     RevocationListener}); sessions whose connection had already ended are not counted
   */
  record Applied(ConfigSnapshot snapshot, int revokedSessions) implements ReloadOutcome {
    public Applied {
      requireNonNull(snapshot, "snapshot");
    }
  }

  /**
   * The new files are invalid; the previous snapshot stays in force.
   *
   * @param problems every problem found
   * @param reported whether this call logged and audited the failure ({@code false} when the same
   *     failure was already reported, so that a periodic check does not repeat it)
   */
  record Rejected(ConfigException problems, boolean reported) implements ReloadOutcome {
    public Rejected {
      requireNonNull(problems, "problems");
    }
  }
}
