package dev.colshift.worker;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rows per second over a sliding window of recent ranges, for the {@code colshift_backfill_rows_per_second} gauge.
 * Pure apart from its lock: times are passed in (nanoseconds, as {@link System#nanoTime()}).
 */
public final class RowRate {
    private record Sample(long atNanos, long rows) {}

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long rowsInWindow;

    public RowRate(java.time.Duration window) {
        this.windowNanos = window.toNanos();
    }

    public synchronized void record(long rows, long atNanos) {
        samples.addLast(new Sample(atNanos, rows));
        rowsInWindow += rows;
        forgetBefore(atNanos - windowNanos);
    }

    /** Rows written in the window ending {@code nowNanos}, per second of the window. */
    public synchronized double perSecond(long nowNanos) {
        forgetBefore(nowNanos - windowNanos);
        return rowsInWindow / (windowNanos / 1e9);
    }

    private void forgetBefore(long cutoff) {
        while (!samples.isEmpty() && samples.peekFirst().atNanos() <= cutoff) {
            rowsInWindow -= samples.removeFirst().rows();
        }
    }
}
