package dev.colshift.planner.db;

import dev.colshift.schemas.PgErrorClass;
import io.vertx.pgclient.PgException;

/**
 * Which PostgreSQL errors end a migration, by the shared {@link PgErrorClass}. A restarting server, a lost connection
 * or a full connection table says nothing about the migration: it is tried again on the next tick. A lock never
 * obtained, or a statement cancelled by its timeout, has already been retried by the step runner within its attempts;
 * anything PostgreSQL refuses (a constraint that does not validate) is an answer. Both stop the migration with it.
 */
public final class PgErrors {
    private PgErrors() {}

    public static boolean endsMigration(Throwable failure) {
        return failure instanceof TableBusyException
                || failure instanceof PgException pg && classify(pg) != PgErrorClass.TRANSIENT;
    }

    static PgErrorClass classify(PgException failure) {
        return PgErrorClass.classify(failure.getSqlState());
    }
}
