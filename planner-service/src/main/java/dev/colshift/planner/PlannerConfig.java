package dev.colshift.planner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The planner's own settings ({@code colshift.planner.*}). */
@ConfigMapping(prefix = "colshift.planner")
public interface PlannerConfig {
    /** Longest any DDL statement may wait for its lock; application queries queue behind a waiting DDL at most this long. */
    @WithDefault("200ms")
    Duration lockTimeout();

    /** Attempts per DDL step before the migration fails; each waits with exponential backoff and jitter. */
    @WithDefault("60")
    int ddlMaxAttempts();

    /** Rows per backfill range when the spec names none. */
    @WithDefault("10000")
    int defaultBatchSize();

    /**
     * Adaptive range size: the time one keyset range should take. Set, a migration whose request names no
     * {@code batchSize} starts at {@link #defaultBatchSize()} and sizes each round of its walk from the recorded
     * ranges' times ({@link dev.colshift.planner.plan.BatchSizing}), keeping at most {@link #rangesAhead()} ranges
     * ahead of the workers. Unset: every range holds the batch size.
     */
    Optional<Duration> targetBatchTime();

    /** With a target batch time, how many walked ranges may wait for the workers before the walk goes on. */
    @WithDefault("48")
    int rangesAhead();

    /**
     * Bearer token of the shared operator account: a mutating request that carries it is audited as
     * {@code rest:operator}.
     */
    String apiToken();

    /**
     * Named callers, each {@code name=token} (comma-separated; a name of letters, digits, {@code . _ @ -}): a
     * mutating request carrying a caller's token is recorded and audited as {@code rest:<name>}, so the audit says who
     * asked. Empty: only the shared {@link #apiToken()}.
     */
    Optional<List<String>> apiPrincipals();

    /** How often the planner re-evaluates unfinished migrations (progress events only wake it sooner). */
    @WithDefault("1s")
    Duration tickInterval();

    /**
     * How often a migration's event stream ({@code GET /migrations/{id}/events}, the status page's) reads the ledger
     * and sends where the migration stands: two small queries per open page at each interval.
     */
    @WithDefault("1s")
    Duration statusInterval();

    /** Re-ask the verifier after this long without an answer. */
    @WithDefault("30s")
    Duration verifyTimeout();

    /** Partitions of the batch topic, created at start-up if missing: the most workers that can share a backfill. */
    @WithDefault("12")
    int batchPartitions();

    /** Replication factor for topics the planner creates. */
    @WithDefault("1")
    int topicReplicationFactor();

    /**
     * Whether a migration that fails is rolled back at once (every step undone, in reverse, under the lock discipline)
     * before it ends FAILED. Off: it ends FAILED and lists what it left behind and how to remove it.
     */
    @WithDefault("true")
    boolean rollbackOnFailure();

    /**
     * What a range a worker gave up on does to its migration: {@code HOLD} keeps the migration in BACKFILLING, showing
     * the range and the reason, until an operator fixes the cause and re-drives it ({@code POST
     * /migrations/{id}/redrive}) or rolls back; {@code FAIL} fails it at once (rolled back if so configured).
     */
    @WithDefault("hold")
    DeadRangePolicy deadRanges();

    enum DeadRangePolicy {
        HOLD,
        FAIL
    }

    /**
     * Tests only: the fault-injection point at which the planner halts as if killed ({@code before:<step action>},
     * {@code after:<step action>}, {@code publishing-ranges}, {@code after-transition:<PHASE>}); empty in production.
     */
    @WithDefault("none")
    String haltAt();

    /**
     * The verifier's REST base URL ({@code http://host:port}); {@code POST /migrations/{id}/verify} forwards to its
     * {@code POST /verifications/{id}}. Unset: the route answers 503 saying so.
     */
    Optional<String> verifierUrl();

    /** The verifier's API token ({@code colshift.verifier.api-token}), sent with forwarded verify requests. */
    Optional<String> verifierToken();

    /** statement_timeout of each watch query's {@code EXPLAIN} at intake (planning only; the query never runs). */
    @WithDefault("5s")
    Duration watchQueryTimeout();
}
