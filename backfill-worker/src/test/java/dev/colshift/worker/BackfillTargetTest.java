package dev.colshift.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A batch message is only accepted when it names exactly one of the ranges the planner split the span into. */
class BackfillTargetTest {
    private static final String SQL = "UPDATE \"public\".\"users\" AS \"users\" SET \"c\" = (now())"
            + " WHERE \"id\" >= $1 AND \"id\" < $2 AND \"c\" IS NULL";

    /** Keys 1..25 in ranges of 10: [1, 11), [11, 21), [21, 26). */
    private static BackfillTarget target() {
        return new BackfillTarget("m1", "BACKFILLING", SQL, 1L, 25L, 3L, 10);
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 11", "1, 11, 21", "2, 21, 26"})
    void acceptsEveryPlannedRangeIncludingTheShortLastOne(long rangeId, long lower, long upper) {
        assertNull(target().rangeProblem(rangeId, lower, upper));
    }

    @Test
    void acceptsASpanThatDividesExactly() {
        BackfillTarget exact = new BackfillTarget("m1", "BACKFILLING", SQL, 1L, 30L, 3L, 10);
        assertNull(exact.rangeProblem(2, 21, 31));
    }

    @Test
    void acceptsNegativeKeys() {
        BackfillTarget negative = new BackfillTarget("m1", "BACKFILLING", SQL, -25L, -1L, 3L, 10);
        assertNull(negative.rangeProblem(0, -25, -15));
        assertNull(negative.rangeProblem(2, -5, 0));
    }

    @Test
    void acceptsASingleKey() {
        BackfillTarget single = new BackfillTarget("m1", "BACKFILLING", SQL, 42L, 42L, 1L, 10_000);
        assertNull(single.rangeProblem(0, 42, 43));
    }

    @ParameterizedTest
    @CsvSource({"3", "4", "-1", "9223372036854775807"})
    void refusesARangeIdOutsideThePlan(long rangeId) {
        String problem = target().rangeProblem(rangeId, 1, 11);
        assertNotNull(problem);
        assertTrue(problem.contains("outside 0..2"), problem);
    }

    @Test
    void refusesTheRightBoundsUnderTheWrongId() {
        String problem = target().rangeProblem(1, 1, 11);
        assertEquals("range 1 should be [11, 21) but the message says [1, 11)", problem);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 2, 12",
        "0, 0, 10",
        "0, 1, 12",
        "0, 1, 10",
        "0, 1, 26",
        "1, 11, 22",
        "2, 21, 31",
        "2, 21, 25",
        "2, 20, 26",
        "0, 11, 1"
    })
    void refusesShiftedOrStretchedBounds(long rangeId, long lower, long upper) {
        String problem = target().rangeProblem(rangeId, lower, upper);
        assertNotNull(problem);
        assertTrue(problem.startsWith("range " + rangeId + " should be ["), problem);
    }

    @Test
    void refusesAnyRangeWhenTheMigrationHasNoBackfill() {
        String expected = "migration m1 has no backfill ranges";
        assertEquals(expected, new BackfillTarget("m1", "CONTRACTING", null, 1L, 25L, 3L, 10).rangeProblem(0, 1, 11));
        assertEquals(expected, new BackfillTarget("m1", "EXPANDING", SQL, null, null, null, 10).rangeProblem(0, 1, 11));
        assertEquals(expected, new BackfillTarget("m1", "BACKFILLING", SQL, 1L, 25L, null, 10).rangeProblem(0, 1, 11));
    }

    @Test
    void refusesAnyRangeOfAnEmptyTable() {
        BackfillTarget empty = new BackfillTarget("m1", "BACKFILLING", SQL, 0L, 0L, 0L, 10);
        assertNotNull(empty.rangeProblem(0, 0, 1));
    }

    /** The planner's ranges end at Long.MAX_VALUE here; the check computes lower + batchSize and wraps negative. */
    @Test
    void acceptsALastRangeEndingAtLongMaxValue() {
        BackfillTarget high =
                new BackfillTarget("m1", "BACKFILLING", SQL, Long.MAX_VALUE - 5, Long.MAX_VALUE - 1, 1L, 10);
        assertNull(high.rangeProblem(0, Long.MAX_VALUE - 5, Long.MAX_VALUE));
    }
}
