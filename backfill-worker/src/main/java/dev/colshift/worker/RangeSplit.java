package dev.colshift.worker;

import java.util.OptionalInt;

/**
 * How a keyset range that ran into {@code statement_timeout} is filled next: in pieces of half its rows, each its own
 * transaction, halved again at every further timeout. A piece of one row that still times out cannot be helped by
 * splitting: the expression itself is slower than the timeout. Pure.
 *
 * @param rangeRows the rows the range was planned with (the walk's batch size)
 */
public record RangeSplit(int rangeRows) {

    public RangeSplit {
        if (rangeRows < 1) {
            throw new IllegalArgumentException("a range has at least one row, not " + rangeRows);
        }
    }

    /**
     * Rows per piece after the range's {@code timeouts}-th statement timeout (the first is the whole range's), or empty
     * when the piece that timed out had one row.
     */
    public OptionalInt pieceRows(int timeouts) {
        if (timeouts < 1) {
            throw new IllegalArgumentException("a range is split only after a timeout");
        }
        int timedOut = rowsAfter(timeouts - 1);
        return timedOut <= 1 ? OptionalInt.empty() : OptionalInt.of(rowsAfter(timeouts));
    }

    private int rowsAfter(int halvings) {
        return Math.max(1, rangeRows >> Math.min(halvings, 31));
    }
}
