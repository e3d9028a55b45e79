package dev.colshift.verifier.check;

/** One row of the batch ledger: keys {@code lowerBound <= key < upperBound} were backfilled under {@code rangeId}. */
public record LedgerRange(long rangeId, long lowerBound, long upperBound) {

    @Override
    public String toString() {
        return "range " + rangeId + " [" + lowerBound + ", " + upperBound + ")";
    }
}
