package dev.colshift.planner.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Makes sure one planner at a time drives a migration, however many run: a PostgreSQL session advisory lock per
 * migration, held on its own connection while the work runs. A planner that dies loses its connection and with it
 * the lock, so another planner takes over at once. A planner whose lock connection drops (a network cut, a terminated
 * backend) has lost the lock while still running: the work checks its {@link Fence} before each action and stops.
 */
@ApplicationScoped
public class DriverLock {
    private static final Logger LOG = Logger.getLogger(DriverLock.class);
    /** Namespace of colshift's advisory locks ('cols'), so they do not collide with the application's. */
    private static final int LOCK_CLASS = 0x636f6c73;

    private final Pool pool;

    public DriverLock(Pool pool) {
        this.pool = pool;
    }

    /** Runs the work while holding the migration's lock; emits false without running it when another planner has it. */
    public Uni<Boolean> whileHolding(String migrationId, Function<Fence, Uni<Void>> work) {
        return pool.withConnection(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked")
                .execute(Tuple.of(LOCK_CLASS, migrationId))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .chain(locked -> !locked
                        ? Uni.createFrom().item(false)
                        : work.apply(new Fence(conn, migrationId))
                                .replaceWith(true)
                                .eventually(() -> unlock(conn, migrationId))));
    }

    private static Uni<Void> unlock(SqlConnection conn, String migrationId) {
        return conn.preparedQuery("SELECT pg_advisory_unlock($1, hashtext($2))")
                .execute(Tuple.of(LOCK_CLASS, migrationId))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.debugf("migration %s: the lock's connection is gone already (%s)", migrationId, e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The held lock, as seen from its own connection. */
    public static final class Fence {
        private final SqlConnection conn;
        private final String migrationId;

        Fence(SqlConnection conn, String migrationId) {
            this.conn = conn;
            this.migrationId = migrationId;
        }

        /** Completes when this planner still holds the lock; fails with {@link DriverLockLost} otherwise. */
        public Uni<Void> check() {
            return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND classid = ($1::int4)::oid AND objid = hashtext($2::text)::oid AND objsubid = 2"
                            + " AND pid = pg_backend_pid() AND granted) AS held")
                    .execute(Tuple.of(LOCK_CLASS, migrationId))
                    .map(rows -> rows.iterator().next().getBoolean("held"))
                    .onFailure()
                    .transform(e -> new DriverLockLost(migrationId, e.getMessage()))
                    .invoke(held -> {
                        if (!held) {
                            throw new DriverLockLost(migrationId, "the advisory lock is no longer held");
                        }
                    })
                    .replaceWithVoid();
        }
    }

    /** This planner may no longer drive the migration: another may have taken it over. */
    public static final class DriverLockLost extends RuntimeException {
        DriverLockLost(String migrationId, String why) {
            super("migration " + migrationId + ": lost the driver lock (" + why + "); stopping");
        }
    }
}
