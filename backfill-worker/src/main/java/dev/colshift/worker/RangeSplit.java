package dev.colshift.worker;

import java.util.OptionalInt;

/**
 * How a keyset range that ran into {@code statement_timeout} is filled next: in pieces of half the rows of what timed
 * out (the whole range, or the piece that was running), each piece its own transaction. A piece of one row that still
 * times out cannot be helped by splitting: the expression itself is slower than the timeout. Pure.
 */
public final class RangeSplit {
    private RangeSplit() {}

    /** Rows per piece after {@code timedOutRows} rows ran into the timeout; empty when they were one row (or none). */
    public static OptionalInt pieceRowsAfter(int timedOutRows) {
        return timedOutRows <= 1 ? OptionalInt.empty() : OptionalInt.of(timedOutRows / 2);
    }
}
