package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One property of a finished migration, checked against the target database. Adding a verification is adding an
 * implementation of this interface as a CDI bean; {@link CheckRunner} finds every one.
 */
public interface VerificationCheck {
    /** Stable name reported in {@link CheckResult#name()}, e.g. {@code no-nulls}. */
    String name();

    /**
     * Checks the migration through {@code db}, a connection inside a read-only, repeatable-read transaction, so
     * every check sees the same snapshot and none can write.
     */
    Uni<CheckResult> run(MigrationUnderCheck migration, SqlConnection db);
}
