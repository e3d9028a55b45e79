package dev.colshift.schemas;

import java.util.List;

/**
 * One range of a keyset walk: keys {@code lower <= key < upper}, or {@code lower <= key <= upper} for the last range,
 * whose upper bound is the key maximum captured at backfill start. A bound holds one value per key column, each as
 * PostgreSQL prints it ({@code key::text}); PostgreSQL casts it back and does every comparison.
 */
public record KeyRange(long rangeId, List<String> lower, List<String> upper, boolean upperInclusive) {

    public KeyRange {
        if (rangeId < 0) {
            throw new IllegalArgumentException("range id " + rangeId + " is negative");
        }
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        if (lower.isEmpty() || lower.size() != upper.size()) {
            throw new IllegalArgumentException("bounds of range " + rangeId + " must have one value per key column");
        }
    }

    /** {@code [1, 'a'] .. [7, 'b'])}: a bound's values, the upper bracket saying whether it is included. */
    public String describe() {
        return "range " + rangeId + " [" + String.join(", ", lower) + "] .. [" + String.join(", ", upper)
                + (upperInclusive ? "]" : ")");
    }

    /**
     * Whether a version-1 message's integer bounds name this range: the same lower key, and the same exclusive upper
     * key or, for the last range, one past its inclusive upper key.
     */
    public boolean matchesIntegerBounds(long lowerBound, long upperBound) {
        if (lower.size() != 1 || !lower.get(0).equals(Long.toString(lowerBound))) {
            return false;
        }
        if (!upperInclusive) {
            return upper.get(0).equals(Long.toString(upperBound));
        }
        return upperBound != Long.MIN_VALUE && upper.get(0).equals(Long.toString(upperBound - 1));
    }
}
