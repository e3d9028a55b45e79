package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTest {
    @Test
    void workersFillRangesOnlyWhileBackfilling() {
        assertEquals(
                List.of(Phase.BACKFILLING),
                Arrays.stream(Phase.values()).filter(Phase::rangesMayRun).toList());
    }

    @Test
    void aPhaseANewerPlannerRecordedIsUnknownNotAnError() {
        assertEquals(Phase.PAUSED, Phase.recorded("PAUSED"));
        assertNull(Phase.recorded("DRAINING"));
        assertNull(Phase.recorded(null));
    }
}
