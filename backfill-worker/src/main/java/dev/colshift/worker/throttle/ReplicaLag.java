package dev.colshift.worker.throttle;

import java.time.Duration;

/**
 * How far one replica is behind the primary, from {@code pg_stat_replication}: WAL sent but not yet replayed, in
 * bytes, and {@code replay_lag} (zero when PostgreSQL reports none).
 */
public record ReplicaLag(String replica, long lagBytes, Duration replayLag) {}
