package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerCoverageTest {
    private static final List<LedgerRange> COMPLETE =
            List.of(new LedgerRange(0, 1, 11), new LedgerRange(1, 11, 21), new LedgerRange(2, 21, 26));

    @Test
    void consecutiveRangesFromFirstToOnePastLastKeyPass() {
        CheckResult result = LedgerCoverage.evaluate(1L, 25L, 3L, COMPLETE);
        assertTrue(result.passed(), result.detail());
        assertEquals("3 batch(es) cover keys [1, 26) with no gap or overlap", result.detail());
    }

    @Test
    void missingMiddleRangeIsReportedAsGapAndShortCount() {
        CheckResult result = LedgerCoverage.evaluate(1L, 25L, 3L, List.of(COMPLETE.get(0), COMPLETE.get(2)));
        assertFalse(result.passed());
        assertEquals(
                "2 batch(es) recorded, 3 planned; gap: keys [11, 21) not covered, between range 0 [1, 11)"
                        + " and range 2 [21, 26)",
                result.detail());
    }

    @Test
    void overlapIsReported() {
        CheckResult result = LedgerCoverage.evaluate(
                1L, 25L, 3L, List.of(new LedgerRange(0, 1, 11), new LedgerRange(1, 9, 21), new LedgerRange(2, 21, 26)));
        assertEquals("overlap: range 1 [9, 21) starts inside range 0 [1, 11)", result.detail());
    }

    @Test
    void onlyTheFirstDiscontinuityIsReported() {
        CheckResult result = LedgerCoverage.evaluate(
                1L, 40L, 3L, List.of(new LedgerRange(0, 1, 5), new LedgerRange(1, 7, 10), new LedgerRange(2, 12, 41)));
        assertEquals("gap: keys [5, 7) not covered, between range 0 [1, 5) and range 1 [7, 10)", result.detail());
    }

    @Test
    void spanStartAndEndMustMatchTheLedger() {
        assertEquals(
                "gap: keys [1, 3) not covered, before range 0 [3, 26)",
                LedgerCoverage.evaluate(1L, 25L, 1L, List.of(new LedgerRange(0, 3, 26)))
                        .detail());
        assertEquals(
                "range 0 [0, 26) starts before the key span's first key 1",
                LedgerCoverage.evaluate(1L, 25L, 1L, List.of(new LedgerRange(0, 0, 26)))
                        .detail());
        assertEquals(
                "gap: keys [25, 26) not covered, after range 0 [1, 25)",
                LedgerCoverage.evaluate(1L, 25L, 1L, List.of(new LedgerRange(0, 1, 25)))
                        .detail());
        assertEquals(
                "range 0 [1, 30) ends beyond the key span's end 26",
                LedgerCoverage.evaluate(1L, 25L, 1L, List.of(new LedgerRange(0, 1, 30)))
                        .detail());
    }

    @Test
    void duplicateAndEmptyRangesFail() {
        assertEquals(
                "range id 0 recorded more than once; range 0 [11, 11) is empty or inverted",
                LedgerCoverage.evaluate(1L, 20L, 2L, List.of(new LedgerRange(0, 1, 11), new LedgerRange(0, 11, 11)))
                        .detail());
    }

    @Test
    void emptyTableMeansNoBatches() {
        assertTrue(LedgerCoverage.evaluate(null, null, 0L, List.of()).passed());
        CheckResult stray = LedgerCoverage.evaluate(null, null, 0L, List.of(new LedgerRange(0, 1, 2)));
        assertFalse(stray.passed());
        assertEquals("1 batch(es) recorded although the table was empty", stray.detail());
    }

    @Test
    void noBatchesForANonEmptySpanIsOneGap() {
        assertEquals(
                "0 batch(es) recorded, 2 planned; gap: keys [1, 21) not covered by any batch",
                LedgerCoverage.evaluate(1L, 20L, 2L, List.of()).detail());
    }

    @Test
    void missingTotalsFail() {
        assertEquals(
                "batches_total is not recorded",
                LedgerCoverage.evaluate(1L, 25L, null, COMPLETE).detail());
        assertFalse(LedgerCoverage.evaluate(1L, null, 3L, COMPLETE).passed());
    }
}
