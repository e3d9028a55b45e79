package dev.colshift.planner.db;

import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.planner.spec.TableName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what the planner must know about a table from the live catalog. Every user value is a bind parameter. */
@ApplicationScoped
public class CatalogInspector {
    private static final Set<String> KEY_TYPES = Set.of("smallint", "integer", "bigint");

    private static final String FIND_TABLE = """
            SELECT c.oid::bigint AS oid, n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = $1 AND c.relkind IN ('r', 'p')
              AND (CASE WHEN $2::text IS NULL THEN n.nspname = ANY (current_schemas(false)) ELSE n.nspname = $2 END)
            ORDER BY array_position(current_schemas(false), n.nspname) NULLS LAST
            LIMIT 1""";

    private static final String PRIMARY_KEY = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
            FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = $1::bigint::oid AND i.indisprimary""";

    private static final String COLUMNS = """
            SELECT attname FROM pg_attribute
            WHERE attrelid = $1::bigint::oid AND attnum > 0 AND NOT attisdropped""";

    private final Pool pool;

    public CatalogInspector(Pool pool) {
        this.pool = pool;
    }

    /** The table with a usable key and no column of the new name yet; otherwise fails with the spec problem. */
    public Uni<TargetTable> inspect(TableName name, String newColumn) {
        return pool.preparedQuery(FIND_TABLE)
                .execute(Tuple.of(name.name(), name.schema().orElse(null)))
                .chain(found -> {
                    if (found.size() == 0) {
                        String shown = name.schema().map(s -> s + ".").orElse("") + name.name();
                        return Uni.createFrom()
                                .failure(new SpecRejectedException(new SpecProblem.TableNotFound("table", shown)));
                    }
                    Row row = found.iterator().next();
                    return describe(row.getLong("oid"), row.getString("nspname"), row.getString("relname"), newColumn);
                });
    }

    private Uni<TargetTable> describe(long oid, String schema, String table, String newColumn) {
        Uni<RowSet<Row>> key = pool.preparedQuery(PRIMARY_KEY).execute(Tuple.of(oid));
        Uni<RowSet<Row>> columns = pool.preparedQuery(COLUMNS).execute(Tuple.of(oid));
        Uni<Integer> version = pool.query("SELECT current_setting('server_version_num')::int AS v")
                .execute()
                .map(rows -> rows.iterator().next().getInteger("v"));
        return Uni.combine().all().unis(key, columns, version).asTuple().map(t -> {
            String qualified = schema + "." + table;
            Set<String> names = new HashSet<>();
            t.getItem2().forEach(r -> names.add(r.getString("attname")));
            if (names.contains(newColumn)) {
                throw new SpecRejectedException(new SpecProblem.ColumnAlreadyExists("column", qualified, newColumn));
            }
            List<Row> keyColumns = new java.util.ArrayList<>();
            t.getItem1().forEach(keyColumns::add);
            if (keyColumns.size() != 1) {
                throw new SpecRejectedException(new SpecProblem.NoUsablePrimaryKey(
                        "table",
                        qualified,
                        keyColumns.isEmpty() ? "it has no primary key" : "its primary key has several columns"));
            }
            String keyType = keyColumns.get(0).getString("type");
            if (!KEY_TYPES.contains(keyType)) {
                throw new SpecRejectedException(new SpecProblem.NoUsablePrimaryKey(
                        "table", qualified, "its primary key is " + keyType + ", not smallint, integer or bigint"));
            }
            return new TargetTable(
                    schema, table, keyColumns.get(0).getString("attname"), keyType, Set.copyOf(names), t.getItem3());
        });
    }
}
