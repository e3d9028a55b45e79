package dev.colshift.planner.db;

import static dev.colshift.planner.spec.Identifiers.qualified;

import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.KeysetSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Captures the key span and row estimate of the target table at backfill start: its first and last key (two index
 * probes, no scan) in text, one value per key column.
 */
@ApplicationScoped
public class KeySpan {
    private final Pool pool;

    public KeySpan(Pool pool) {
        this.pool = pool;
    }

    /** min and max are null for an empty table. */
    public record Span(List<String> min, List<String> max, long rowsEstimate) {
        public boolean empty() {
            return min == null;
        }
    }

    public Uni<Span> capture(MigrationPlan plan) {
        String table = qualified(plan.schema(), plan.table());
        KeysetSql keyset = new KeysetSql(table, plan.key());
        Uni<RowSet<Row>> first = pool.query(keyset.firstKey()).execute();
        Uni<RowSet<Row>> last = pool.query(keyset.lastKey()).execute();
        Uni<Long> estimate = pool.preparedQuery(
                        "SELECT (SELECT reltuples FROM pg_class WHERE oid = to_regclass($1))::bigint AS est")
                .execute(Tuple.of(table))
                .map(rows -> rows.iterator().next().getLong("est"));
        return Uni.combine().all().unis(first, last, estimate).asTuple().map(t -> {
            List<String> min = key(t.getItem1());
            List<String> max = key(t.getItem2());
            Long est = t.getItem3();
            // reltuples is -1 for a table never analysed: say nothing better than "at least one row"
            return new Span(min, max, est == null || est < 0 ? (min == null ? 0 : 1) : est);
        });
    }

    static List<String> key(RowSet<Row> rows) {
        return rows.size() == 0 ? null : List.of(rows.iterator().next().getArrayOfStrings("key"));
    }
}
