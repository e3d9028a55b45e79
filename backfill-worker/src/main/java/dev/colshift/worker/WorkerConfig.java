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

    /** Longest one range UPDATE may run; a range that needs longer should be split with a smaller batch size. */
    @WithDefault("120s")
    Duration statementTimeout();

    /** Attempts per range on transient errors (lock timeout, deadlock, lost connection) before it goes to the DLQ. */
    @WithDefault("8")
    int maxAttempts();
}
