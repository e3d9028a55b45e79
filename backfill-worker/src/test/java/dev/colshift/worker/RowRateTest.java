package dev.colshift.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RowRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void averagesTheRowsOfTheWindow() {
        RowRate rate = new RowRate(Duration.ofSeconds(10));
        assertEquals(0.0, rate.perSecond(0));
        rate.record(10_000, 1 * SECOND);
        rate.record(30_000, 2 * SECOND);
        assertEquals(4_000.0, rate.perSecond(3 * SECOND));
        assertEquals(3_000.0, rate.perSecond(11 * SECOND + 1)); // the first range has left the window
        assertEquals(0.0, rate.perSecond(30 * SECOND));
    }
}
