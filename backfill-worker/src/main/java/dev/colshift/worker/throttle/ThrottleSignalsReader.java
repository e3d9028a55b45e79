package dev.colshift.worker.throttle;

import dev.colshift.schemas.ReplicaLagSql;
import dev.colshift.worker.WorkerSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the throttle's signals from the primary: every connected replica's lag ({@code pg_stat_replication}) and the
 * application sessions waiting on locks a colshift session holds ({@code pg_blocking_pids}, only for sessions waiting
 * on a lock, since the function briefly locks the lock manager); and, with a latency budget set, the application's
 * longest-running statement ({@code pg_stat_activity}). Seeing other roles' sessions and replication
 * positions needs {@code pg_monitor} (or superuser); without it both lists come back empty.
 */
@ApplicationScoped
public class ThrottleSignalsReader {
    private static final String APPLICATION_WAITS = """
            SELECT w.pid AS waiting_pid, b.pid AS holder_pid,
                   (extract(epoch FROM now() - coalesce(
                      (SELECT min(l.waitstart) FROM pg_locks l WHERE l.pid = w.pid AND NOT l.granted),
                      w.query_start)) * 1000)::bigint AS waiting_ms
            FROM pg_stat_activity w
            CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
            JOIN pg_stat_activity b ON b.pid = blocker.pid
            WHERE w.wait_event_type = 'Lock'
              AND b.application_name = $1
              AND w.application_name IS DISTINCT FROM $1""";

    /** The application's longest-running statement in this database: client sessions not colshift's own. */
    private static final String SLOWEST_APPLICATION_STATEMENT = """
            SELECT pid, application_name,
                   (extract(epoch FROM clock_timestamp() - query_start) * 1000)::bigint AS running_ms
            FROM pg_stat_activity
            WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
              AND datname = current_database()
              AND CASE WHEN $1::text[] IS NULL THEN application_name NOT LIKE 'colshift%'
                       ELSE application_name = ANY($1::text[]) END
            ORDER BY query_start
            LIMIT 1""";

    private final Pool pool;
    private final WorkerSessions sessions;
    private final ThrottleConfig config;

    public ThrottleSignalsReader(Pool pool, WorkerSessions sessions, ThrottleConfig config) {
        this.pool = pool;
        this.sessions = sessions;
        this.config = config;
    }

    public Uni<ThrottleSignals> read() {
        return pool.withConnection(conn -> conn.query(ReplicaLagSql.QUERY)
                .execute()
                .map(ThrottleSignalsReader::replicas)
                .chain(replicas -> conn.preparedQuery(APPLICATION_WAITS)
                        .execute(Tuple.of(sessions.applicationName()))
                        .map(ThrottleSignalsReader::waits)
                        .chain(waits -> slowestApplicationStatement(conn)
                                .map(slowest -> new ThrottleSignals(replicas, waits, slowest, Optional.empty())))));
    }

    private Uni<Optional<SlowStatement>> slowestApplicationStatement(SqlConnection conn) {
        if (config.applicationLatencyBudget().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String[] names =
                config.applicationNames().map(n -> n.toArray(String[]::new)).orElse(null);
        return conn.preparedQuery(SLOWEST_APPLICATION_STATEMENT)
                .execute(Tuple.of(names))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<SlowStatement>empty();
                    }
                    Row r = rows.iterator().next();
                    Long millis = r.getLong("running_ms");
                    return Optional.of(new SlowStatement(
                            r.getInteger("pid"),
                            r.getString("application_name"),
                            Duration.ofMillis(millis == null ? 0 : millis)));
                });
    }

    private static List<ReplicaLag> replicas(RowSet<Row> rows) {
        List<ReplicaLag> replicas = new ArrayList<>();
        for (Row r : rows) {
            replicas.add(new ReplicaLag(
                    r.getString("replica"), r.getLong("lag_bytes"), Duration.ofMillis(r.getLong("lag_ms"))));
        }
        return replicas;
    }

    private static List<LockWait> waits(RowSet<Row> rows) {
        List<LockWait> waits = new ArrayList<>();
        for (Row r : rows) {
            Long millis = r.getLong("waiting_ms");
            waits.add(new LockWait(
                    r.getInteger("waiting_pid"),
                    r.getInteger("holder_pid"),
                    Duration.ofMillis(millis == null ? 0 : millis)));
        }
        return waits;
    }
}
