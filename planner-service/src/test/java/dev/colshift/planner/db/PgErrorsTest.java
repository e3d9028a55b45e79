package dev.colshift.planner.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {

    @Test
    void aServerRestartOrLostConnectionDoesNotEndTheMigration() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006", "08003", "53300", "40001", "40P01"}) {
            assertFalse(PgErrors.endsMigration(pg(state)), state);
        }
        assertFalse(PgErrors.endsMigration(new IOException("connection reset")));
    }

    /** A busy lock or a statement timeout reaches the driver only once the step runner's attempts are spent. */
    @Test
    void whatPostgreSqlRefusesEndsTheMigration() {
        for (String state : new String[] {"23514", "42701", "55P03", "57014", "22012", "42P01"}) {
            assertTrue(PgErrors.endsMigration(pg(state)), state);
        }
        assertTrue(PgErrors.endsMigration(new TableBusyException("\"public\".\"t\"", "42")));
    }

    @Test
    void theStepRunnersRetryEverythingButARefusal() {
        for (String state : new String[] {"55P03", "57014", "40P01", "40001", "53300", "57P01", "08006"}) {
            assertTrue(DdlRunner.isRetryable(pg(state)), state);
            assertTrue(ConcurrentStepRunner.isRetryable(pg(state)), state);
        }
        for (String state : new String[] {"23505", "23514", "42P01"}) {
            assertFalse(DdlRunner.isRetryable(pg(state)), state);
            assertFalse(ConcurrentStepRunner.isRetryable(pg(state)), state);
        }
    }

    private static PgException pg(String sqlState) {
        return new PgException("boom", "ERROR", sqlState, null);
    }
}
