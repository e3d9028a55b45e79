package dev.colshift.planner.db;

import io.vertx.pgclient.PgException;

/**
 * Which PostgreSQL errors end a migration. A restarting server, a lost connection or a full connection table says
 * nothing about the migration: it is tried again on the next tick. Anything else PostgreSQL refuses (a constraint that
 * does not validate, a lock never obtained within its retries) is an answer, and the migration stops with it.
 */
public final class PgErrors {
    private PgErrors() {}

    public static boolean endsMigration(Throwable failure) {
        return failure instanceof TableBusyException
                || failure instanceof PgException pg && !isTransient(pg.getSqlState());
    }

    static boolean isTransient(String sqlState) {
        return sqlState == null
                || sqlState.startsWith("08") // connection exception
                || sqlState.startsWith("53") // insufficient resources (too many connections, out of memory)
                || sqlState.equals("57P01") // admin shutdown
                || sqlState.equals("57P02") // crash shutdown
                || sqlState.equals("57P03") // cannot connect now (starting up, in recovery)
                || sqlState.equals("40001") // serialization failure
                || sqlState.equals("40P01"); // deadlock detected
    }
}
