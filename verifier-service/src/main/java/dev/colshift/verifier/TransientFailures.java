package dev.colshift.verifier;

import dev.colshift.schemas.PgErrorClass;
import dev.colshift.verifier.db.UnreadableLedgerException;
import io.vertx.pgclient.PgException;

/**
 * Tells a failure worth retrying from an error PostgreSQL reports about what a check asked, which is itself a finding
 * (a missing table, say). Which SQLSTATE is which is the shared {@link PgErrorClass}; a failure with no SQLSTATE at
 * all is a lost connection.
 */
public final class TransientFailures {
    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
        if (failure instanceof UnreadableLedgerException) {
            return false;
        }
        return !(failure instanceof PgException pg)
                || PgErrorClass.classify(pg.getSqlState()).retryable();
    }
}
