package dev.colshift.planner.db;

/**
 * One streaming replica's lag as the primary sees it now ({@link dev.colshift.schemas.ReplicaLagSql}, the workers'
 * throttle signal): WAL bytes sent but not replayed, and the replay delay in milliseconds.
 */
public record ReplicaLag(String replica, long lagBytes, long replayLagMillis) {}
