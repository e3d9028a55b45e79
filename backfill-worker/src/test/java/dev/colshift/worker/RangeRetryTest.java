package dev.colshift.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.schemas.PgErrorClass;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A range waits out the application's locks for ever, gives passing errors a bounded number of attempts. */
class RangeRetryTest {
    private static final RangeRetry RETRY = new RangeRetry(3, Duration.ofMillis(200), Duration.ofSeconds(5));

    @ParameterizedTest(name = "{0} after {1} lock waits and {2} other failures: {3}")
    @CsvSource(
            nullValues = "GIVE_UP",
            value = {
                "LOCK_BUSY, 1, 0, 200",
                "LOCK_BUSY, 2, 0, 400",
                "LOCK_BUSY, 5, 0, 3200",
                "LOCK_BUSY, 6, 0, 5000",
                "LOCK_BUSY, 10000, 0, 5000", // the application holds its lock for hours: still waiting
                "LOCK_BUSY, 8, 2, 5000", // earlier transient failures do not shorten the wait
                "TRANSIENT, 0, 1, 200",
                "TRANSIENT, 0, 2, 400",
                "TRANSIENT, 0, 3, GIVE_UP",
                "TRANSIENT, 50, 2, 400", // lock waits do not use up the transient budget
                "CANCELLED_BY_TIMEOUT, 0, 1, 200",
                "CANCELLED_BY_TIMEOUT, 0, 3, GIVE_UP",
                "REFUSED, 0, 1, GIVE_UP",
                "REFUSED, 3, 0, GIVE_UP"
            })
    void waitsOrGivesUp(PgErrorClass errorClass, int lockWaits, int otherFailures, Long waitMillis) {
        assertEquals(
                Optional.ofNullable(waitMillis).map(Duration::ofMillis),
                RETRY.backoff(errorClass, lockWaits, otherFailures));
    }
}
