package dev.colshift.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {
    private static final Observation SAMPLE_40MS = new Observation(List.of(), false, true, false, null, 40, 10_000);

    @Test
    void aBackfillScalesTheSampledBatchToTheTable() {
        PlanStep backfill = PlanStep.inTransaction(
                "backfill:public.t:c", Phase.BACKFILLING, "fill", List.of("UPDATE"), LockLevel.ROW_EXCLUSIVE, true);
        Estimate estimate = Estimate.of(backfill, SAMPLE_40MS, 5_000_000);
        assertEquals(20_000, estimate.millis());
        assertTrue(estimate.basis().startsWith("40 ms for 10000 sampled rows, scaled to 5000000 rows"));
    }

    @Test
    void aCatalogOnlyStepTakesWhatItTookOnTheSample() {
        PlanStep add = PlanStep.inTransaction(
                "add_column:public.t:c", Phase.EXPANDING, "add", List.of("ALTER"), LockLevel.ACCESS_EXCLUSIVE, false);
        Estimate estimate = Estimate.of(add, SAMPLE_40MS, 5_000_000);
        assertEquals(40, estimate.millis());
        assertTrue(estimate.basis().startsWith("catalog only"));
    }

    @Test
    void aTableSmallerThanTheSampleIsNotScaledDown() {
        PlanStep validate = PlanStep.inTransaction(
                "validate_check:public.t:c",
                Phase.CONTRACTING,
                "v",
                List.of("V"),
                LockLevel.SHARE_UPDATE_EXCLUSIVE,
                true);
        assertEquals(40, Estimate.of(validate, SAMPLE_40MS, 0).millis());
        assertNull(Estimate.of(validate, null, 10));
    }
}
