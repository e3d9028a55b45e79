package dev.colshift.worker.throttle;

import java.time.Duration;

/**
 * The limits the throttle holds the backfill to: replica lag in bytes and in time, how long an application session
 * may wait on a colshift lock, and how long to wait before looking again.
 */
public record ThrottleLimits(
        long maxReplicaLagBytes, Duration maxReplicaLag, Duration maxApplicationLockWait, Duration recheck) {

    public static ThrottleLimits of(ThrottleConfig config) {
        return new ThrottleLimits(
                config.maxReplicaLagBytes(),
                config.maxReplicaLag(),
                config.maxApplicationLockWait(),
                config.recheckInterval());
    }
}
