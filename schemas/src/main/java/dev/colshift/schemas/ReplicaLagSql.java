package dev.colshift.schemas;

/**
 * How far each streaming replica is behind, as the primary sees it ({@code pg_stat_replication}): {@code replica}
 * ({@code application_name@host}), {@code lag_bytes} (WAL sent but not replayed) and {@code lag_ms}
 * ({@code replay_lag}, 0 when PostgreSQL reports none). The workers throttle on it and the planner shows it; without
 * {@code pg_monitor} (or superuser) the positions read as NULL and the lag as 0.
 */
public final class ReplicaLagSql {
    public static final String QUERY = """
            SELECT coalesce(nullif(application_name, ''), 'replica') || '@' || coalesce(host(client_addr), 'local')
                     AS replica,
                   coalesce(pg_wal_lsn_diff(sent_lsn, replay_lsn), 0)::bigint AS lag_bytes,
                   coalesce((extract(epoch FROM replay_lag) * 1000)::bigint, 0) AS lag_ms
            FROM pg_stat_replication
            ORDER BY 1""";

    private ReplicaLagSql() {}
}
