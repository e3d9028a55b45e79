package dev.colshift.planner.db;

import dev.colshift.planner.plan.TableRef;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.planner.spec.TableName;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what the planner must know about a table from the live catalog. Every user value is a bind parameter. */
@ApplicationScoped
public class CatalogInspector {
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

    /** Each unique index with its key columns in order (INCLUDE columns left out), typed as casts name them. */
    private static final String UNIQUE_INDEXES = """
            SELECT ic.relname AS name, i.indisprimary AS is_primary,
              array_agg(a.attname::text ORDER BY k.ord) AS columns,
              array_agg(format_type(a.atttypid, NULL) ORDER BY k.ord) AS types,
              bool_and(a.attnotnull) AS not_null,
              (i.indpred IS NULL AND i.indexprs IS NULL AND i.indisvalid AND am.amname = 'btree'
                AND bool_and(k.attnum > 0)) AS plain_columns,
              bool_and(k.opt = 0 AND k.coll = a.attcollation) AS ascending
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indcollation::oid[], i.indoption::int2[])
              WITH ORDINALITY AS k(attnum, coll, opt, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = $1::bigint::oid AND i.indisunique AND k.ord <= i.indnkeyatts
            GROUP BY ic.relname, i.indisprimary, i.indpred IS NULL, i.indexprs IS NULL, i.indisvalid, am.amname""";

    private static final String COLUMNS = """
            SELECT attname FROM pg_attribute
            WHERE attrelid = $1::bigint::oid AND attnum > 0 AND NOT attisdropped""";

    private static final String RELATION_EXISTS = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = ANY ($2)""";

    private static final String CONSTRAINT_EXISTS = """
            SELECT conname FROM pg_constraint WHERE conrelid = to_regclass($1) AND conname = ANY ($2)""";

    private static final String COLUMN_EXISTS = """
            SELECT 1 FROM pg_attribute WHERE attrelid = $1::bigint::oid AND attname = $2 AND attnum > 0
              AND NOT attisdropped""";

    private final Pool pool;

    public CatalogInspector(Pool pool) {
        this.pool = pool;
    }

    /**
     * The table, with no column of the new name yet; otherwise fails with the spec problem. Whether its key can carry
     * a backfill is recorded, not required: a metadata-only change needs no key.
     */
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

    /** The table and column a foreign key points at; the column defaults to the table's one-column primary key. */
    public Uni<TableRef> referenced(ForeignKeySpec fk) {
        TableName name = TableName.parse(fk.table()).orElseThrow();
        return pool.preparedQuery(FIND_TABLE)
                .execute(Tuple.of(name.name(), name.schema().orElse(null)))
                .chain(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom()
                                .failure(new SpecRejectedException(
                                        new SpecProblem.TableNotFound("references.table", fk.table())));
                    }
                    Row row = found.iterator().next();
                    long oid = row.getLong("oid");
                    String schema = row.getString("nspname");
                    String table = row.getString("relname");
                    if (fk.column() != null) {
                        return pool.preparedQuery(COLUMN_EXISTS)
                                .execute(Tuple.of(oid, fk.column()))
                                .map(rows -> {
                                    if (rows.size() == 0) {
                                        throw new SpecRejectedException(new SpecProblem.ColumnNotFound(
                                                "references.column", schema + "." + table, fk.column()));
                                    }
                                    return new TableRef(schema, table, fk.column());
                                });
                    }
                    return pool.preparedQuery(PRIMARY_KEY)
                            .execute(Tuple.of(oid))
                            .map(rows -> {
                                if (rows.size() != 1) {
                                    throw new SpecRejectedException(new SpecProblem.NoUsablePrimaryKey(
                                            "references.column",
                                            schema + "." + table,
                                            "name the referenced column: the table has no one-column primary key"));
                                }
                                return new TableRef(
                                        schema, table, rows.iterator().next().getString("attname"));
                            });
                });
    }

    /**
     * Fails when a relation (index, sequence) or constraint the change would create already exists: colshift never
     * takes over, replaces or drops an object it did not create.
     */
    public Uni<Void> requireFree(
            String schema, String qualifiedTable, List<String> relations, List<String> constraints) {
        Uni<RowSet<Row>> takenRelations =
                pool.preparedQuery(RELATION_EXISTS).execute(Tuple.of(schema, relations.toArray(String[]::new)));
        Uni<RowSet<Row>> takenConstraints = pool.preparedQuery(CONSTRAINT_EXISTS)
                .execute(Tuple.of(qualifiedTable, constraints.toArray(String[]::new)));
        return Uni.combine()
                .all()
                .unis(takenRelations, takenConstraints)
                .asTuple()
                .invoke(t -> {
                    List<SpecProblem> problems = new java.util.ArrayList<>();
                    t.getItem1()
                            .forEach(r -> problems.add(new SpecProblem.ObjectAlreadyExists(
                                    "column", "relation", schema + "." + r.getString("relname"))));
                    t.getItem2()
                            .forEach(r -> problems.add(new SpecProblem.ObjectAlreadyExists(
                                    "column", "constraint", r.getString("conname"))));
                    if (!problems.isEmpty()) {
                        throw new SpecRejectedException(problems);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<TargetTable> describe(long oid, String schema, String table, String newColumn) {
        Uni<RowSet<Row>> indexes = pool.preparedQuery(UNIQUE_INDEXES).execute(Tuple.of(oid));
        Uni<RowSet<Row>> columns = pool.preparedQuery(COLUMNS).execute(Tuple.of(oid));
        Uni<Integer> version = pool.query("SELECT current_setting('server_version_num')::int AS v")
                .execute()
                .map(rows -> rows.iterator().next().getInteger("v"));
        return Uni.combine().all().unis(indexes, columns, version).asTuple().map(t -> {
            String qualified = schema + "." + table;
            Set<String> names = new HashSet<>();
            t.getItem2().forEach(r -> names.add(r.getString("attname")));
            if (names.contains(newColumn)) {
                throw new SpecRejectedException(new SpecProblem.ColumnAlreadyExists("column", qualified, newColumn));
            }
            List<TableKeys.UniqueIndex> unique = new ArrayList<>();
            t.getItem1().forEach(r -> unique.add(uniqueIndex(r)));
            TableKeys.Choice key = TableKeys.choose(unique);
            return new TargetTable(schema, table, key.key(), key.problem(), Set.copyOf(names), t.getItem3());
        });
    }

    private static TableKeys.UniqueIndex uniqueIndex(Row r) {
        String[] columns = r.getArrayOfStrings("columns");
        String[] types = r.getArrayOfStrings("types");
        List<KeyColumn> key = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            key.add(new KeyColumn(columns[i], types[i]));
        }
        return new TableKeys.UniqueIndex(
                r.getString("name"),
                r.getBoolean("is_primary"),
                key,
                r.getBoolean("not_null"),
                r.getBoolean("plain_columns"),
                r.getBoolean("ascending"));
    }
}
