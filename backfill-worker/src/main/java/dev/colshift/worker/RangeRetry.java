package dev.colshift.worker;

import dev.colshift.schemas.PgErrorClass;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a range waits after a failed attempt, or that it gives up. Waiting for the application is never a failure:
 * a lock held by the application ({@link PgErrorClass#LOCK_BUSY}) is waited out for as long as it takes, with a
 * bounded backoff. Other passing errors (a lost connection, a statement timeout) get {@code maxAttempts} attempts;
 * a refusal gets none. Pure.
 */
public record RangeRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /**
     * The wait before the next attempt after a failure of {@code errorClass}, or empty to give up. {@code lockWaits}
     * and {@code otherFailures} count the failures so far of each kind, this one included.
     */
    public Optional<Duration> backoff(PgErrorClass errorClass, int lockWaits, int otherFailures) {
        return switch (errorClass) {
            case LOCK_BUSY -> Optional.of(exponential(lockWaits));
            case TRANSIENT, CANCELLED_BY_TIMEOUT ->
                otherFailures < maxAttempts ? Optional.of(exponential(otherFailures)) : Optional.empty();
            case REFUSED -> Optional.empty();
        };
    }

    private Duration exponential(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = firstBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
