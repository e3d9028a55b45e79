package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.KeyRange;
import dev.colshift.verifier.check.KeysetCoverage.RecordedBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored keyset ranges must chain over the captured span, each recorded once with its own bounds. */
class KeysetCoverageTest {
    private static final List<String> MIN = List.of("a", "1");
    private static final List<String> MAX = List.of("c", "9");
    private static final List<KeyRange> STORED = List.of(
            new KeyRange(0, MIN, List.of("a", "50"), false),
            new KeyRange(1, List.of("a", "50"), List.of("b", "3"), false),
            new KeyRange(2, List.of("b", "3"), MAX, true));

    private static List<RecordedBatch> recorded(List<KeyRange> ranges) {
        List<RecordedBatch> batches = new ArrayList<>();
        ranges.forEach(r -> batches.add(new RecordedBatch(r.rangeId(), r.lower(), r.upper(), 10)));
        return batches;
    }

    private static String detail(List<KeyRange> stored, List<RecordedBatch> batches) {
        CheckResult result = KeysetCoverage.evaluate(MIN, MAX, (long) stored.size(), stored, batches);
        return (result.passed() ? "PASS " : "FAIL ") + result.detail();
    }

    @Test
    void chainedRangesEachRecordedOncePass() {
        assertEquals(
                "PASS 3 range(s) chain from [a, 1] to [c, 9] (included), each recorded once; 30 row(s) updated",
                detail(STORED, recorded(STORED)));
    }

    @Test
    void anEmptyTableHasNoRanges() {
        assertTrue(KeysetCoverage.evaluate(null, null, 0L, List.of(), List.of()).passed());
        assertEquals(
                "1 range(s) stored and 0 recorded although the table was empty",
                KeysetCoverage.evaluate(null, null, 0L, STORED.subList(0, 1), List.of())
                        .detail());
    }

    @Test
    void aGapBetweenRangesFails() {
        List<KeyRange> gap =
                List.of(STORED.get(0), new KeyRange(1, List.of("a", "51"), List.of("b", "3"), false), STORED.get(2));
        assertEquals(
                "FAIL gap or overlap: range 1 [a, 51] .. [b, 3) does not start where range 0 [a, 1] .. [a, 50) ends",
                detail(gap, recorded(gap)));
    }

    @Test
    void theChainMustStartAtTheMinimumAndEndAtTheMaximumIncluded() {
        List<KeyRange> late = List.of(new KeyRange(0, List.of("a", "2"), MAX, true));
        assertEquals(
                "FAIL 1 range(s) stored, 3 planned; range 0 [a, 2] .. [c, 9] does not start at the captured minimum"
                        + " [a, 1]",
                "FAIL "
                        + KeysetCoverage.evaluate(MIN, MAX, 3L, late, recorded(late))
                                .detail());
        List<KeyRange> shortOfMax = List.of(new KeyRange(0, MIN, List.of("c", "8"), true));
        assertEquals(
                "FAIL the last range 0 [a, 1] .. [c, 8] does not end at the captured maximum [c, 9]",
                detail(shortOfMax, recorded(shortOfMax)));
        List<KeyRange> open = List.of(new KeyRange(0, MIN, MAX, false));
        assertEquals(
                "FAIL the last range 0 [a, 1] .. [c, 9) does not include its upper bound",
                detail(open, recorded(open)));
    }

    @Test
    void everyStoredRangeIsRecordedExactlyOnceWithItsBounds() {
        assertEquals(
                "FAIL 1 stored range(s) not recorded, first range 1 [a, 50] .. [b, 3)",
                detail(STORED, recorded(List.of(STORED.get(0), STORED.get(2)))));
        List<RecordedBatch> twice = new ArrayList<>(recorded(STORED));
        twice.add(twice.get(1));
        assertEquals("FAIL range 1 recorded more than once", detail(STORED, twice));
        List<RecordedBatch> moved = new ArrayList<>(recorded(STORED));
        moved.set(1, new RecordedBatch(1, List.of("a", "50"), List.of("z", "0"), 10));
        assertEquals(
                "FAIL range 1 is recorded with bounds [a, 50] .. [z, 0], not the stored range 1 [a, 50] .. [b, 3)",
                detail(STORED, moved));
        List<RecordedBatch> stray = new ArrayList<>(recorded(STORED));
        stray.add(new RecordedBatch(9, MIN, MAX, 1));
        assertEquals("FAIL range 9 is recorded but was never stored", detail(STORED, stray));
    }
}
