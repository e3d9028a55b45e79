package dev.colshift.planner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.schemas.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressPercentTest {
    @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
    @CsvSource(textBlock = """
            ACCEPTED,     0,   0,   0.0
            EXPANDING,    0,   40,  0.0
            BACKFILLING,  0,   40,  0.0
            BACKFILLING,  13,  40,  32.5
            BACKFILLING,  1,   3,   33.3
            BACKFILLING,  0,   0,   100.0
            BACKFILLING,  41,  40,  100.0
            PAUSED,       10,  40,  25.0
            PAUSED,       0,   0,   0.0
            CANCELLED,    20,  40,  50.0
            FAILED,       40,  40,  100.0
            FAILED,       0,   0,   0.0
            ROLLED_BACK,  30,  40,  75.0
            CONTRACTING,  40,  40,  100.0
            VERIFYING,    0,   0,   100.0
            COMPLETED,    0,   0,   100.0
            """)
    void percentFollowsThePhaseAndTheRanges(Phase phase, long done, long total, double expected) {
        assertEquals(expected, ProgressPercent.of(phase, done, total));
    }
}
