package dev.colshift.planner.db;

import dev.colshift.planner.plan.LockLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/**
 * Looks, before a DDL attempt, for client sessions whose transaction has held a lock on the table, in a mode that
 * conflicts with the step's, for longer than the lock timeout. The DDL would wait its whole lock timeout and every
 * application query on the table would queue behind it; better not to try yet. Young transactions are
 * ignored (they end soon, and the lock timeout bounds the wait), and so is autovacuum (a DDL lock request cancels
 * it). Without the rights to see other roles' sessions ({@code pg_read_all_stats}) nothing is found and the lock
 * timeout alone protects the application.
 */
final class LongLockHolders {
    private static final String QUERY = """
            SELECT string_agg(DISTINCT l.pid::text, ', ') AS pids
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.relation = to_regclass($1) AND l.granted
              AND l.mode = ANY ($3) AND l.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
              AND a.xact_start < clock_timestamp() - make_interval(secs => $2)""";

    private LongLockHolders() {}

    /** Fails with {@link TableBusyException} when such sessions exist. */
    static Uni<Void> requireNone(SqlConnection conn, String qualifiedTable, LockLevel lock, Duration lockTimeout) {
        if (lock.conflictingModes().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(QUERY)
                .execute(Tuple.of(
                        qualifiedTable,
                        lockTimeout.toMillis() / 1000.0,
                        lock.conflictingModes().toArray(String[]::new)))
                .map(rows -> rows.iterator().next().getString("pids"))
                .invoke(pids -> {
                    if (pids != null) {
                        throw new TableBusyException(qualifiedTable, pids);
                    }
                })
                .replaceWithVoid();
    }
}
