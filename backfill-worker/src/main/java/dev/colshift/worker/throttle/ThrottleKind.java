package dev.colshift.worker.throttle;

import java.util.Locale;

/** Why a worker holds back, as the {@code reason} tag of {@code colshift_backfill_throttled}: few, fixed values. */
public enum ThrottleKind {
    /** Someone asked for the migration to pause. */
    PAUSED,
    /** Application sessions wait on locks a colshift session holds. */
    APPLICATION_LOCK_WAIT,
    /** An application statement has been running longer than the latency budget. */
    APPLICATION_LATENCY,
    /** A replica replays the primary's WAL too far behind. */
    REPLICA_LAG,
    /** A range waits for a lock the application holds (its UPDATE ran into {@code lock_timeout}). */
    BLOCKED_BY_APPLICATION;

    /** Whether it holds the ranges of one migration only; the others hold every range this worker would start. */
    public boolean perMigration() {
        return this == PAUSED || this == BLOCKED_BY_APPLICATION;
    }

    /** The tag value, e.g. {@code replica_lag}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
