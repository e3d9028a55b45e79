package dev.colshift.schemas;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * How a key span {@code [minKey, maxKey]} captured at backfill start is split into consecutive ranges of
 * {@code batchSize} keys. The planner publishes these ranges and the worker checks each message against them, so
 * both must compute them the same way: this is that one computation. Ranges are generated as they are iterated,
 * never held in memory together.
 */
public record BatchRanges(long minKey, long maxKey, int batchSize) implements Iterable<BatchRange> {

    public BatchRanges {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        if (maxKey < minKey) {
            throw new IllegalArgumentException("maxKey < minKey");
        }
        if (maxKey == Long.MAX_VALUE) {
            throw new IllegalArgumentException("a key of Long.MAX_VALUE has no exclusive upper bound");
        }
        if (maxKey - minKey < 0) {
            throw new IllegalArgumentException("the key span [" + minKey + ", " + maxKey + "] is wider than "
                    + Long.MAX_VALUE + " keys; it cannot be split into arithmetic ranges");
        }
    }

    public long count() {
        long lastOffset = maxKey - minKey;
        return lastOffset / batchSize + 1;
    }

    /** The exclusive upper bound of the last range. */
    public long endExclusive() {
        return maxKey + 1;
    }

    /** The range with this id; ids run from 0 to {@link #count()} - 1. */
    public BatchRange range(long rangeId) {
        if (rangeId < 0 || rangeId >= count()) {
            throw new IndexOutOfBoundsException("range " + rangeId + " is outside 0.." + (count() - 1));
        }
        long lower = minKey + rangeId * batchSize;
        long upper = lower + Math.min(batchSize - 1L, maxKey - lower) + 1; // never overflows: at most maxKey + 1
        return new BatchRange(rangeId, lower, upper);
    }

    /** Why a message's range is not one of these ranges, or null when it is exactly one of them. */
    public String problemWith(long rangeId, long lowerBound, long upperBound) {
        if (rangeId < 0 || rangeId >= count()) {
            return "range " + rangeId + " is outside 0.." + (count() - 1);
        }
        BatchRange expected = range(rangeId);
        if (lowerBound != expected.lowerBound() || upperBound != expected.upperBound()) {
            return "range " + rangeId + " should be [" + expected.lowerBound() + ", " + expected.upperBound()
                    + ") but the message says [" + lowerBound + ", " + upperBound + ")";
        }
        return null;
    }

    @Override
    public Iterator<BatchRange> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count();
            }

            @Override
            public BatchRange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return range(next++);
            }
        };
    }
}
