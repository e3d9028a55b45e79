package dev.colshift.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.colshift.planner.plan.BatchSizing.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizingTest {
    private final BatchSizing sizing = new BatchSizing(Duration.ofMillis(100), 100, 100_000);

    @Test
    void fastRangesGrowBy1point5AtMost() {
        // 10,000 rows in 10 ms: 100,000 would fit the target, but one step grows by 1.5x
        assertEquals(15_000, sizing.next(10_000, List.of(new Timing(10_000, 10))));
    }

    @Test
    void aModerateOverrunShrinksToWhatFitsTheTarget() {
        // 0.02 ms a row at p90: 5,000 rows fit 100 ms
        assertEquals(5_000, sizing.next(10_000, List.of(new Timing(10_000, 200))));
    }

    @Test
    void aFiveFoldOverrunCutsToATenthAtOnce() {
        // 10,000 rows at 0.06 ms a row is 600 ms, over 5x the target
        assertEquals(1_000, sizing.next(10_000, List.of(new Timing(10_000, 600))));
    }

    @Test
    void theP90DecidesNotTheMean() {
        List<Timing> recent = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            recent.add(new Timing(1_000, 10)); // 0.01 ms a row
        }
        recent.add(new Timing(1_000, 400)); // one slow range among ten: the p90 is still the fast ones'
        assertEquals(1_500, sizing.next(1_000, recent));
        recent.add(new Timing(1_000, 400)); // two in eleven: the p90 is a slow one (0.4 ms a row, 250 rows fit)
        assertEquals(250, sizing.next(1_000, recent));
    }

    @Test
    void rangesThatSayNothingLeaveTheSizeAlone() {
        assertEquals(10_000, sizing.next(10_000, List.of()));
        assertEquals(10_000, sizing.next(10_000, List.of(new Timing(0, 50), new Timing(5_000, 0))));
    }

    @Test
    void theSizeStaysWithinItsBounds() {
        assertEquals(100, sizing.next(150, List.of(new Timing(100, 1_000))));
        assertEquals(100_000, sizing.next(90_000, List.of(new Timing(90_000, 1))));
        assertEquals(100, sizing.next(50, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BatchSizing(Duration.ZERO, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new BatchSizing(Duration.ofMillis(1), 5, 2));
    }
}
