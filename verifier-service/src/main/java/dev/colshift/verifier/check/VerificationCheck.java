package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;

/**
 * One property of a finished migration, checked against the target database. Adding a verification is adding an
 * implementation of this interface as a CDI bean; {@link CheckRunner} finds every one.
 */
public interface VerificationCheck {
    /** Stable name reported in the outcome, e.g. {@code no-nulls}. */
    String name();

    /**
     * Whether the check means anything for this migration; a column added by hand (no ledger) has no plan, batches
     * or audit rows to check against.
     */
    default boolean appliesTo(MigrationUnderCheck migration) {
        return migration.ledgered();
    }

    /**
     * Checks the migration. Every query runs in a short read-only transaction from {@link CheckContext#db()}; a check
     * that reads the whole table does it in key chunks ({@link ChunkedScan}), never in one long snapshot.
     */
    Uni<CheckOutcome> run(MigrationUnderCheck migration, CheckContext context);
}
