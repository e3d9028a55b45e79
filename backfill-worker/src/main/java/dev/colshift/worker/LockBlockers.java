package dev.colshift.worker;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names who a range waits for after its UPDATE ran into {@code lock_timeout}: the oldest transaction outside
 * colshift holding a lock on the table that writes or locks rows (anything stronger than a plain read's
 * {@code AccessShareLock} or a vacuum's {@code ShareUpdateExclusiveLock}), with how long it has held it (at most
 * since its transaction began). Row locks themselves are not in {@code pg_locks}; the table lock that comes with them
 * is. Other roles' sessions show their start times only with {@code pg_read_all_stats}.
 */
@ApplicationScoped
public class LockBlockers {
    private static final String OLDEST_HOLDER = """
            SELECT a.pid, coalesce(a.state, 'unknown state') AS state,
                   (extract(epoch FROM now() - a.xact_start) * 1000)::bigint AS held_ms,
                   m.table_schema || '.' || m.table_name AS table_name
            FROM colshift.migrations m
            JOIN pg_locks l ON l.locktype = 'relation' AND l.granted
             AND l.relation = to_regclass(format('%I.%I', m.table_schema, m.table_name))
             AND l.mode NOT IN ('AccessShareLock', 'ShareUpdateExclusiveLock')
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE m.id = $1 AND a.pid <> pg_backend_pid() AND a.application_name IS DISTINCT FROM $2
            ORDER BY a.xact_start NULLS LAST
            LIMIT 1""";

    private final Pool pool;
    private final WorkerSessions sessions;

    public LockBlockers(Pool pool, WorkerSessions sessions) {
        this.pool = pool;
        this.sessions = sessions;
    }

    /** Who range {@code rangeId} of the migration waits for, in words; never fails. */
    public Uni<String> describe(String migrationId, long rangeId) {
        String waits = "range " + rangeId + " of " + migrationId + " waits for the application: ";
        return pool.preparedQuery(OLDEST_HOLDER)
                .execute(Tuple.of(migrationId, sessions.applicationName()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return waits + "a row lock in the range (its holder has since gone or is not visible)";
                    }
                    Row r = rows.iterator().next();
                    Long held = r.getLong("held_ms");
                    return waits + "pid " + r.getInteger("pid") + " (" + r.getString("state") + ") has held a lock on "
                            + r.getString("table_name") + " for "
                            + (held == null ? "an unknown time" : held / 1000 + " s");
                })
                .onFailure()
                .recoverWithItem(e -> waits + "a row lock in the range (" + e.getMessage() + ")");
    }
}
