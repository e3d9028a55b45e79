package dev.colshift.planner.db;

import dev.colshift.planner.lint.TableStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads what the lint rules need from the live catalog about one table: size, row triggers, indexes, old transactions. */
@ApplicationScoped
public class TableStatsReader {
    private static final String SIZE = """
            SELECT greatest(c.reltuples, 0)::bigint AS rows, pg_total_relation_size(c.oid) AS bytes,
              c.relkind = 'p' AS partitioned
            FROM pg_class c WHERE c.oid = to_regclass($1)""";
    private static final String ROW_TRIGGERS = """
            SELECT tgname FROM pg_trigger
            WHERE tgrelid = to_regclass($1) AND NOT tgisinternal AND tgenabled <> 'D'
              AND (tgtype & 1) = 1 AND (tgtype & 16) = 16 AND tgname NOT LIKE 'colshift\\_%'""";
    private static final String INDEXES = """
            SELECT a.attname AS leading,
              regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING \\w+ \\((.*)\\)( WHERE .*)?$', '\\1') AS keys
            FROM pg_index i LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE i.indrelid = to_regclass($1) AND i.indisvalid""";
    private static final String LONG_TRANSACTIONS = """
            SELECT pid, extract(epoch FROM clock_timestamp() - xact_start)::bigint AS seconds, state
            FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
              AND xact_start < clock_timestamp() - interval '1 minute'
            ORDER BY xact_start LIMIT 5""";

    private final Pool pool;

    public TableStatsReader(Pool pool) {
        this.pool = pool;
    }

    public Uni<TableStats> read(String qualifiedTable) {
        Tuple table = Tuple.of(qualifiedTable);
        return Uni.combine()
                .all()
                .unis(
                        pool.preparedQuery(SIZE).execute(table),
                        pool.preparedQuery(ROW_TRIGGERS).execute(table),
                        pool.preparedQuery(INDEXES).execute(table),
                        pool.query(LONG_TRANSACTIONS).execute())
                .asTuple()
                .map(t -> {
                    Row size = t.getItem1().iterator().next();
                    List<String> triggers = new ArrayList<>();
                    t.getItem2().forEach(r -> triggers.add(r.getString("tgname")));
                    List<String> leading = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    t.getItem3().forEach(r -> {
                        if (r.getString("leading") != null) {
                            leading.add(r.getString("leading"));
                        }
                        keys.add(r.getString("keys"));
                    });
                    List<String> old = new ArrayList<>();
                    t.getItem4()
                            .forEach(r -> old.add("pid " + r.getInteger("pid") + " open " + r.getLong("seconds")
                                    + " s (" + r.getString("state") + ")"));
                    return new TableStats(
                            size.getLong("rows"),
                            size.getLong("bytes"),
                            size.getBoolean("partitioned"),
                            List.copyOf(triggers),
                            List.copyOf(leading),
                            List.copyOf(keys),
                            List.copyOf(old));
                });
    }
}
