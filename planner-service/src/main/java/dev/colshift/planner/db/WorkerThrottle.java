package dev.colshift.planner.db;

import java.time.OffsetDateTime;

/**
 * Why the backfill is held back, as the workers report it: the longest-held reason ({@code kind} is the worker's
 * {@code colshift_backfill_throttled} reason tag), the worker that reports it, since when, and how many workers hold
 * back now.
 */
public record WorkerThrottle(
        boolean throttled, String kind, String reason, String worker, OffsetDateTime since, long workers) {}
