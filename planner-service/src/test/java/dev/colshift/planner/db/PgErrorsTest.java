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

    @Test
    void whatPostgreSqlRefusesEndsTheMigration() {
        for (String state : new String[] {"23514", "42701", "55P03", "22012", "42P01"}) {
            assertTrue(PgErrors.endsMigration(pg(state)), state);
        }
        assertTrue(PgErrors.endsMigration(new TableBusyException("\"public\".\"t\"", "42")));
    }

    private static PgException pg(String sqlState) {
        return new PgException("boom", "ERROR", sqlState, null);
    }
}
