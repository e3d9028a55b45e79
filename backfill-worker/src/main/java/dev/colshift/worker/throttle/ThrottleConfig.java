package dev.colshift.worker.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * The application's latency budget: while one of its statements has been running longer than this, no new range
     * starts (the backfill competes for the same disks and CPUs). Unset: no budget. A session counts as the
     * application unless its {@code application_name} starts with {@code colshift}, or, when
     * {@link #applicationNames()} is set, when its name is one of those.
     */
    Optional<Duration> applicationLatencyBudget();

    /** The {@code application_name}s whose statements the latency budget watches; unset: every non-colshift session. */
    Optional<List<String>> applicationNames();

    /** While throttled, how long to wait before reading the signals again. */
    @WithDefault("1s")
    Duration recheckInterval();

    /** Signals younger than this are reused rather than read again (many short ranges, one look). */
    @WithDefault("250ms")
    Duration signalsMaxAge();
}
