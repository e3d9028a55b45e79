package dev.colshift.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The backfill worker's own settings ({@code colshift.worker.*}). */
@ConfigMapping(prefix = "colshift.worker")
public interface WorkerConfig {
    /** Name recorded in the batch ledger; defaults to host name and process id. */
    Optional<String> id();

    /** Longest a range UPDATE waits for a row or table lock before it backs off and retries. */
    @WithDefault("1s")
    Duration lockTimeout();

    /**
     * Longest one range UPDATE may run, and so the longest the application can wait behind the backfill's row locks. A
     * keyset range that needs longer is filled in pieces of half the rows, halved again at each further timeout.
     */
    @WithDefault("120s")
    Duration statementTimeout();

    /**
     * Attempts per range on passing errors (deadlock, lost connection, the statement timeout of a range planned before
     * keyset ranges) before it goes to the DLQ
     * with the reason. A lock held by the application is not one of them: the range waits it out for as long as it
     * takes.
     */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after a range's first failed attempt; it doubles with each further failure of the same kind. */
    @WithDefault("200ms")
    Duration firstBackoff();

    /** The longest wait between two attempts of a range. */
    @WithDefault("10s")
    Duration maxBackoff();

    /**
     * Ranges one worker fills at once, each through its own Kafka consumer of the batch channel (SmallRye
     * {@code concurrency}; read by {@code application.properties}): 2 starts a range while another finishes, so the
     * worker does not idle between ranges. Every consumer is a member of the group: workers × this is the most that
     * share a backfill's partitions.
     */
    @WithDefault("1")
    int rangesInFlight();
}
