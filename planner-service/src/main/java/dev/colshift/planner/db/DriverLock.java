package dev.colshift.planner.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Makes sure one planner at a time drives a migration, however many run: a PostgreSQL session advisory lock per
 * migration, held on its own connection while the work runs. A planner that dies loses its connection and with it
 * the lock, so another planner takes over at once.
 */
@ApplicationScoped
public class DriverLock {
    /** Namespace of colshift's advisory locks ('cols'), so they do not collide with the application's. */
    private static final int LOCK_CLASS = 0x636f6c73;

    private final Pool pool;

    public DriverLock(Pool pool) {
        this.pool = pool;
    }

    /** Runs the work while holding the migration's lock; emits false without running it when another planner has it. */
    public Uni<Boolean> whileHolding(String migrationId, Supplier<Uni<Void>> work) {
        return pool.withConnection(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked")
                .execute(Tuple.of(LOCK_CLASS, migrationId))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .chain(locked -> !locked
                        ? Uni.createFrom().item(false)
                        : work.get().replaceWith(true).eventually(() -> unlock(conn, migrationId))));
    }

    private static Uni<Void> unlock(SqlConnection conn, String migrationId) {
        return conn.preparedQuery("SELECT pg_advisory_unlock($1, hashtext($2))")
                .execute(Tuple.of(LOCK_CLASS, migrationId))
                .replaceWithVoid();
    }
}
