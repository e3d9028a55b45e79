package dev.colshift.worker;

/** The range was begun in pieces by an earlier attempt or worker: it is not claimed whole but goes on in pieces. */
final class RangeAlreadySplit extends RuntimeException {
    RangeAlreadySplit(long rangeId) {
        super("range " + rangeId + " was begun in pieces", null, false, false);
    }
}
