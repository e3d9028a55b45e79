package dev.colshift.planner.plan;

import java.util.List;

/**
 * What PostgreSQL did when the rehearsal ran a step on a one-row copy of the table.
 *
 * @param locks       the lock modes the step took on the table ({@code pg_locks.mode}), strongest last
 * @param rewrote     the table got a new {@code relfilenode}: every row was rewritten
 * @param scanned     the step read the whole table (a sequential scan was counted)
 * @param fastDefault the new column's default is stored once in the catalog ({@code atthasmissing}), not per row
 * @param note        what could not be observed, if anything (e.g. a concurrent build rehearsed without CONCURRENTLY)
 * @param millis      how long the step took on the rehearsal's sample
 * @param sampleRows  how many rows the sample held (the table's first rows by key, at most one batch)
 */
public record Observation(
        List<String> locks,
        boolean rewrote,
        boolean scanned,
        boolean fastDefault,
        String note,
        long millis,
        long sampleRows) {
    public Observation {
        locks = List.copyOf(locks);
    }

    public Observation timed(long elapsedMillis, long rows) {
        return new Observation(locks, rewrote, scanned, fastDefault, note, elapsedMillis, rows);
    }
}
