package dev.colshift.verifier;

import dev.colshift.verifier.db.UnreadableLedgerException;
import io.vertx.pgclient.PgException;
import java.util.Set;

/**
 * Tells a failure worth retrying (connection lost, lock busy, server shutting down) from an error PostgreSQL
 * reports about what a check asked, which is itself a finding (a missing table, say).
 */
public final class TransientFailures {
    /** lock_not_available, deadlock_detected, serialization_failure, query_canceled. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "40P01", "40001", "57014");
    /** connection exceptions, insufficient resources, operator intervention (shutdown). */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");

    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
        if (failure instanceof UnreadableLedgerException) {
            return false;
        }
        if (!(failure instanceof PgException pg)) {
            return true;
        }
        String state = pg.getSqlState();
        return state == null
                || TRANSIENT_STATES.contains(state)
                || TRANSIENT_CLASSES.contains(state.substring(0, Math.min(2, state.length())));
    }
}
