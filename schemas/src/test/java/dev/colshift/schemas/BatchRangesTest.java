package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Splitting the captured key span into consecutive half-open ranges, generated as they are iterated. */
class BatchRangesTest {

    private static List<BatchRange> all(BatchRanges ranges) {
        List<BatchRange> list = new ArrayList<>();
        ranges.forEach(list::add);
        return list;
    }

    @Test
    void spanDivisibleByTheBatchSize() {
        BatchRanges ranges = new BatchRanges(1, 30, 10);
        assertEquals(3, ranges.count());
        assertEquals(
                List.of(new BatchRange(0, 1, 11), new BatchRange(1, 11, 21), new BatchRange(2, 21, 31)), all(ranges));
    }

    @Test
    void spanNotDivisibleEndsWithAShortRange() {
        BatchRanges ranges = new BatchRanges(1, 25, 10);
        assertEquals(3, ranges.count());
        assertEquals(
                List.of(new BatchRange(0, 1, 11), new BatchRange(1, 11, 21), new BatchRange(2, 21, 26)), all(ranges));
    }

    @Test
    void aSingleKeyIsOneRange() {
        BatchRanges ranges = new BatchRanges(42, 42, 10_000);
        assertEquals(1, ranges.count());
        assertEquals(List.of(new BatchRange(0, 42, 43)), all(ranges));
    }

    @Test
    void aBatchLargerThanTheSpanIsOneRange() {
        BatchRanges ranges = new BatchRanges(1, 3, 100);
        assertEquals(1, ranges.count());
        assertEquals(List.of(new BatchRange(0, 1, 4)), all(ranges));
    }

    @Test
    void batchOfOneIsOneRangePerKey() {
        assertEquals(
                List.of(new BatchRange(0, 7, 8), new BatchRange(1, 8, 9), new BatchRange(2, 9, 10)),
                all(new BatchRanges(7, 9, 1)));
    }

    @Test
    void negativeKeys() {
        assertEquals(
                List.of(new BatchRange(0, -25, -15), new BatchRange(1, -15, -5), new BatchRange(2, -5, 0)),
                all(new BatchRanges(-25, -1, 10)));
        assertEquals(
                List.of(
                        new BatchRange(0, -5, -2),
                        new BatchRange(1, -2, 1),
                        new BatchRange(2, 1, 4),
                        new BatchRange(3, 4, 5)),
                all(new BatchRanges(-5, 4, 3)));
    }

    @Test
    void endExclusiveIsOnePastTheLargestKey() {
        assertEquals(26, new BatchRanges(1, 25, 10).endExclusive());
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1, 1",
        "1, 100, 10",
        "1, 101, 10",
        "0, 99999, 7",
        "-1000, 1000, 33",
        "-7, -3, 2",
        "5, 5, 1000000",
        "9223372036854000000, 9223372036854699998, 100000",
        "-9223372036854775808, -9223372036854775000, 100"
    })
    void rangesAreContiguousAndCoverTheWholeSpan(long min, long max, int batchSize) {
        BatchRanges ranges = new BatchRanges(min, max, batchSize);
        List<BatchRange> list = all(ranges);

        assertEquals(ranges.count(), list.size());
        assertEquals(min, list.get(0).lowerBound());
        assertEquals(max + 1, list.get(list.size() - 1).upperBound());
        for (int i = 0; i < list.size(); i++) {
            BatchRange range = list.get(i);
            assertEquals(i, range.rangeId());
            assertTrue(range.lowerBound() < range.upperBound(), range.toString());
            assertTrue(range.upperBound() - range.lowerBound() <= batchSize, range.toString());
            if (i > 0) {
                assertEquals(list.get(i - 1).upperBound(), range.lowerBound(), range.toString());
            }
            if (i < list.size() - 1) {
                assertEquals(batchSize, range.upperBound() - range.lowerBound(), range.toString());
            }
        }
    }

    @Test
    void tenBillionKeysAreCountedWithoutBeingMaterialised() {
        BatchRanges ranges = new BatchRanges(1, 10_000_000_000L, 1);
        assertEquals(10_000_000_000L, ranges.count());
        Iterator<BatchRange> iterator = ranges.iterator();
        assertEquals(new BatchRange(0, 1, 2), iterator.next());
        assertEquals(new BatchRange(1, 2, 3), iterator.next());
    }

    @Test
    void iteratingTwiceGivesTheSameRanges() {
        BatchRanges ranges = new BatchRanges(3, 77, 8);
        assertEquals(all(ranges), all(ranges));
    }

    @Test
    void theIteratorEnds() {
        Iterator<BatchRange> iterator = new BatchRanges(1, 2, 10).iterator();
        assertTrue(iterator.hasNext());
        iterator.next();
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    @Test
    void rejectsANonPositiveBatchSize() {
        assertThrows(IllegalArgumentException.class, () -> new BatchRanges(1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new BatchRanges(1, 10, -1));
    }

    @Test
    void rejectsAnInvertedSpan() {
        assertThrows(IllegalArgumentException.class, () -> new BatchRanges(10, 9, 10));
    }

    @Test
    void rejectsAMaximumKeyWithNoExclusiveBound() {
        assertThrows(IllegalArgumentException.class, () -> new BatchRanges(1, Long.MAX_VALUE, 10));
        assertThrows(IllegalArgumentException.class, () -> new BatchRanges(Long.MAX_VALUE, Long.MAX_VALUE, 1));
    }

    /** lower + batchSize overflows when the last range starts within batchSize of Long.MAX_VALUE. */
    @Test
    void aLastRangeNearLongMaxValueDoesNotWrap() {
        BatchRanges ranges = new BatchRanges(Long.MAX_VALUE - 5, Long.MAX_VALUE - 1, 10);
        assertEquals(List.of(new BatchRange(0, Long.MAX_VALUE - 5, Long.MAX_VALUE)), all(ranges));
    }

    /** Keys spread over more than Long.MAX_VALUE (random signed ids) need keyset splitting; refuse, don't wrap. */
    @Test
    void refusesASpanWiderThanLongMaxValue() {
        assertThrows(
                IllegalArgumentException.class, () -> new BatchRanges(Long.MIN_VALUE, Long.MAX_VALUE - 1, 1_000_000));
        BatchRanges widest = new BatchRanges(-1, Long.MAX_VALUE - 1, Integer.MAX_VALUE);
        assertEquals(new BatchRange(0, -1, Integer.MAX_VALUE - 1L), widest.range(0));
        assertEquals(Long.MAX_VALUE, widest.range(widest.count() - 1).upperBound());
    }

    @Test
    void rangeByIdMatchesIterationAndRejectsUnknownIds() {
        BatchRanges ranges = new BatchRanges(5, 104, 30);
        List<BatchRange> iterated = all(ranges);
        for (BatchRange r : iterated) {
            assertEquals(r, ranges.range(r.rangeId()));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> ranges.range(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> ranges.range(iterated.size()));
    }
}
