package dev.colshift.worker.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The limits a worker throttles to ({@code colshift.worker.throttle.*}); see {@link ThrottlePolicy}. */
@ConfigMapping(prefix = "colshift.worker.throttle")
public interface ThrottleConfig {
    /** WAL a replica may have received but not replayed before no new range starts. */
    @WithDefault("67108864")
    long maxReplicaLagBytes();

    /** A replica's {@code replay_lag} above which no new range starts. */
    @WithDefault("10s")
    Duration maxReplicaLag();

    /** How long an application session may wait on a lock a colshift session holds before ranges hold back. */
    @WithDefault("500ms")
    Duration maxApplicationLockWait();

    /** While throttled, how long to wait before reading the signals again. */
    @WithDefault("1s")
    Duration recheckInterval();

    /** Signals younger than this are reused rather than read again (many short ranges, one look). */
    @WithDefault("250ms")
    Duration signalsMaxAge();
}
