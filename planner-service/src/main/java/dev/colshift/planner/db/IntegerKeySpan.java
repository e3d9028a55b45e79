package dev.colshift.planner.db;

import static dev.colshift.planner.spec.Identifiers.qualified;
import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.planner.plan.MigrationPlan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Captures the integer key span of a migration planned before keyset ranges (its plan names one integer key and its
 * statement takes bigint bounds), so such a migration still finishes after an upgrade. Two index probes, no scan.
 */
@ApplicationScoped
public class IntegerKeySpan {
    private final Pool pool;

    public IntegerKeySpan(Pool pool) {
        this.pool = pool;
    }

    /** min and max are null for an empty table. */
    public record Span(Long min, Long max, long rowsEstimate) {
        public boolean empty() {
            return min == null;
        }
    }

    public Uni<Span> capture(MigrationPlan plan) {
        String key = quote(plan.keyColumn());
        String table = qualified(plan.schema(), plan.table());
        return pool.preparedQuery(
                        "SELECT (SELECT min(" + key + ") FROM " + table + ")::bigint AS lo, (SELECT max(" + key
                                + ") FROM " + table
                                + ")::bigint AS hi, (SELECT reltuples FROM pg_class WHERE oid = to_regclass($1))::bigint AS est")
                .execute(Tuple.of(table))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Long lo = row.getLong("lo");
                    Long hi = row.getLong("hi");
                    Long est = row.getLong("est");
                    long keys = lo == null ? 0 : hi - lo + 1;
                    return new Span(lo, hi, est == null || est < 0 ? keys : est);
                });
    }
}
