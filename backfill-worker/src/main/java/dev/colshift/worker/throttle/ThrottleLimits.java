package dev.colshift.worker.throttle;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits the throttle holds the backfill to: replica lag in bytes and in time, how long an application session
 * may wait on a colshift lock, how long an application statement may run (none: no budget), and how long to wait
 * before looking again.
 */
public record ThrottleLimits(
        long maxReplicaLagBytes,
        Duration maxReplicaLag,
        Duration maxApplicationLockWait,
        Optional<Duration> applicationLatencyBudget,
        Duration recheck) {

    public ThrottleLimits(
            long maxReplicaLagBytes, Duration maxReplicaLag, Duration maxApplicationLockWait, Duration recheck) {
        this(maxReplicaLagBytes, maxReplicaLag, maxApplicationLockWait, Optional.empty(), recheck);
    }

    public static ThrottleLimits of(ThrottleConfig config) {
        return new ThrottleLimits(
                config.maxReplicaLagBytes(),
                config.maxReplicaLag(),
                config.maxApplicationLockWait(),
                config.applicationLatencyBudget(),
                config.recheckInterval());
    }
}
