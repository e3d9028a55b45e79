package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.verifier.db.UnreadableLedgerException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {
    @Test
    void lostConnectionsAndBusyLocksAreRetried() {
        assertTrue(TransientFailures.isTransient(ClosedConnectionException.INSTANCE));
        assertTrue(TransientFailures.isTransient(new PgException("busy", "ERROR", "55P03", null)));
        assertTrue(TransientFailures.isTransient(new PgException("shutdown", "FATAL", "57P01", null)));
        assertTrue(TransientFailures.isTransient(new PgException("conn", "FATAL", "08006", null)));
        assertTrue(TransientFailures.isTransient(new PgException("full", "FATAL", "53300", null)));
        assertTrue(TransientFailures.isTransient(new PgException("timeout", "ERROR", "57014", null)));
    }

    @Test
    void whatPostgresSaysAboutTheQueryIsAFinding() {
        assertFalse(TransientFailures.isTransient(new PgException("no such table", "ERROR", "42P01", null)));
        assertFalse(TransientFailures.isTransient(new PgException("no such column", "ERROR", "42703", null)));
        assertFalse(TransientFailures.isTransient(new PgException("dropped", "FATAL", "57P04", null)));
        assertFalse(TransientFailures.isTransient(new UnreadableLedgerException("m1", "bad plan", null)));
    }
}
