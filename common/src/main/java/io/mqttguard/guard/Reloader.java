package io.mqttguard.guard;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reload check: read the directory, compare its fingerprint with the snapshot in force, load
 * and validate a changed directory, and hand a valid snapshot to the {@link Applier}. A failure is
 * logged, audited and counted once per distinct set of problems (a periodic check of the same
 * broken files stays quiet; a different failure, or the same one after a success, is reported
 * again). Thread-safe: checks are serialized.
 */
final class Reloader {
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
  private static final int MAX_AUDIT_DETAIL = 2000;

  /** Puts a validated snapshot in force; returns how many live sessions it re-checked, revoked. */
  interface Applier {
    Rechecked apply(ConfigSnapshot next);
  }

  /** How many live connections a reload re-checked, and how many of them it revoked. */
  record Rechecked(int sessions, int revoked) {}

  private final SnapshotLoader loader;
  private final Supplier<ConfigSnapshot> current;
  private final Applier applier;
  private final AuditSink audit;
  private final Clock clock;
  private final Counters counters;
  private final ReloadListener listener;
  private @Nullable List<String> lastReported;

  Reloader(
      SnapshotLoader loader,
      Supplier<ConfigSnapshot> current,
      Applier applier,
      AuditSink audit,
      Clock clock,
      Counters counters,
      ReloadListener listener) {
    this.loader = loader;
    this.current = current;
    this.applier = applier;
    this.audit = audit;
    this.clock = clock;
    this.counters = counters;
    this.listener = listener;
  }

  synchronized ReloadOutcome check() {
    ConfigSnapshot cur = current.get();
    ConfigSnapshot next;
    try {
      ConfigFiles files = ConfigFiles.read(loader.dir());
      String fingerprint =
          ConfigFiles.combine(
              files.mainFingerprint(), ConfigFiles.fingerprintOf(cur.auth().settings().crlFiles()));
      if (fingerprint.equals(cur.fingerprint())) {
        lastReported = null; // back to the good files: a later identical failure is news again
        return new ReloadOutcome.Unchanged(fingerprint);
      }
      next = loader.load(files, cur);
    } catch (ConfigException e) {
      return rejected(e);
    } catch (RuntimeException e) {
      return rejected(
          ConfigException.of(
              loader.dir().toString(), "", "internal error while loading: " + e.getClass()));
    }
    Rechecked rechecked = applier.apply(next);
    int revoked = rechecked.revoked();
    lastReported = null;
    counters.increment(GuardMetric.RELOAD_SUCCESS);
    reportApplied(cur, next, rechecked);
    try {
      listener.applied(next);
    } catch (RuntimeException e) {
      LOG.error("reload listener failed: {}", e.toString());
    }
    return new ReloadOutcome.Applied(next, revoked);
  }

  private ReloadOutcome rejected(ConfigException e) {
    List<String> key = e.problems().stream().map(ConfigProblem::toString).toList();
    if (key.equals(lastReported)) {
      return new ReloadOutcome.Rejected(e, false);
    }
    lastReported = key;
    counters.increment(GuardMetric.RELOAD_FAILURE);
    LOG.error(
        "configuration reload rejected; the previous configuration (generation {}) stays in"
            + " force:\n{}",
        current.get().generation(),
        e.getMessage());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("generationInForce", Long.toString(current.get().generation()));
    details.put("problems", cap(String.join("; ", key)));
    record("error", "RELOAD_REJECTED", details);
    return new ReloadOutcome.Rejected(e, true);
  }

  private void reportApplied(ConfigSnapshot previous, ConfigSnapshot next, Rechecked rechecked) {
    int revoked = rechecked.revoked();
    LOG.info(
        "configuration reloaded: generation {}, files {}, {} live session(s) revoked",
        next.generation(),
        next.files(),
        revoked);
    for (ConfigProblem w : next.warnings()) {
      LOG.warn("{}", w);
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("generation", Long.toString(next.generation()));
    details.put("fingerprint", next.fingerprint().substring(0, 16));
    details.put("files", String.join(",", next.files().stream().sorted().toList()));
    details.put("changedFiles", String.join(",", changedFiles(previous, next)));
    details.put("recheckedSessions", Integer.toString(rechecked.sessions()));
    details.put("revokedSessions", Integer.toString(revoked));
    details.put("warnings", Integer.toString(next.warnings().size()));
    record("allow", "RELOADED", details);
  }

  private void record(String outcome, String reason, Map<String, String> details) {
    try {
      audit.record(
          new AuditEvent(
              clock.instant(), "reload", outcome, null, null, null, null, reason, null, details));
    } catch (RuntimeException e) {
      LOG.warn("audit sink failed for a reload event: {}", e.getClass().getName());
    }
  }

  /** The files added, removed or changed between two snapshots, sorted by name. */
  static List<String> changedFiles(ConfigSnapshot previous, ConfigSnapshot next) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(previous.files());
    names.addAll(next.files());
    return names.stream()
        .filter(
            n -> !java.util.Objects.equals(previous.fileHashes().get(n), next.fileHashes().get(n)))
        .toList();
  }

  private static String cap(String s) {
    return s.length() <= MAX_AUDIT_DETAIL ? s : s.substring(0, MAX_AUDIT_DETAIL) + "...";
  }
}
