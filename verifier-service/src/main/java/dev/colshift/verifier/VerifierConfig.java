package dev.colshift.verifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The verifier's own settings ({@code colshift.verifier.*}). */
@ConfigMapping(prefix = "colshift.verifier")
public interface VerifierConfig {
    /**
     * Bearer token required on every mutating REST request ({@code POST /verifications...}). Without one every such
     * request is refused: the Kafka path (the planner asking) needs no token.
     */
    Optional<String> apiToken();

    /**
     * Keys per chunk when a check scans the table: each chunk is its own short read-only transaction, so no snapshot
     * stays open for the whole scan of a large table (which would hold back vacuum on a live system).
     */
    @WithDefault("10000")
    int scanChunkKeys();

    /** How many keys a failing check names as samples. */
    @WithDefault("5")
    int sampleKeys();

    /** statement_timeout of every query the verifier runs. */
    @WithDefault("30s")
    Duration statementTimeout();

    /**
     * Tests only: {@code mid-verification} halts the verifier as if killed right after the first check of a
     * verification, so a test can prove that the planner asks again and a restarted verifier finishes; {@code none}
     * in production.
     */
    @WithDefault("none")
    String haltAt();

    /**
     * How much a watch query's estimated total cost may grow, in percent of its cost before the migration, before the
     * explain check fails. Generous by default: a backfill leaves a dead version of every row it updated until VACUUM,
     * which alone about doubles a sequential scan's estimate.
     */
    @WithDefault("200")
    int explainCostGrowthPercent();
}
