package dev.colshift.planner.plan;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits the key span {@code [minKey, maxKey]} captured at backfill start into consecutive ranges of
 * {@code batchSize} keys. Ranges are generated as they are iterated, never held in memory together.
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
    }

    public long count() {
        long span = maxKey - minKey + 1;
        return span / batchSize + (span % batchSize == 0 ? 0 : 1);
    }

    /** The exclusive upper bound of the last range. */
    public long endExclusive() {
        return maxKey + 1;
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
                long lower = minKey + next * batchSize;
                long upper = Math.min(lower + batchSize, endExclusive());
                return new BatchRange(next++, lower, upper);
            }
        };
    }
}
