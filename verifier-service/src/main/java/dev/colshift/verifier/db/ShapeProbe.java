package dev.colshift.verifier.db;

import static dev.colshift.verifier.SqlNames.quote;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks PostgreSQL what the requested column, checks and indexes look like once created, without touching the target:
 * in a transaction that is always rolled back, it copies the table's columns into a temporary table of the same name
 * ({@code LIKE}: no rows, a brief ACCESS SHARE lock), re-adds the column as requested and reads back the catalog.
 * Each statement goes through the extended protocol, so a request's text can never carry a second statement.
 */
@ApplicationScoped
public class ShapeProbe {
    static final String PROBE_VALUE_COLUMN = "colshift_probe_value";
    private static final String NOT_IMMUTABLE = "42P17";

    private final ShortTransactions transactions;

    public ShapeProbe(ShortTransactions transactions) {
        this.transactions = transactions;
    }

    public Uni<RequestedShape> probe(MigrationUnderCheck m) {
        List<String> ran = new ArrayList<>();
        return transactions
                .rolledBack(db -> probe(db, m, ran))
                .onFailure(e -> e instanceof PgException)
                .recoverWithItem(e -> RequestedShape.failed(e.getMessage(), ran));
    }

    private static Uni<RequestedShape> probe(SqlConnection db, MigrationUnderCheck m, List<String> ran) {
        MigrationSpec spec = m.spec();
        String copy = "pg_temp." + quote(m.table());
        String expectedType = m.canonicalType();
        List<String> checks = new ArrayList<>();
        List<IndexShape> indexes = new ArrayList<>();
        IndexShape[] unique = new IndexShape[1];
        ColumnFacts[] column = new ColumnFacts[1];
        String[] backfillNote = new String[1];
        Uni<Void> chain = run(db, ran, "SET LOCAL lock_timeout = '1s'")
                .chain(() ->
                        run(db, ran, "CREATE TEMPORARY TABLE " + quote(m.table()) + " (LIKE " + m.quotedTable() + ")"))
                .chain(() -> run(db, ran, "ALTER TABLE " + copy + " DROP COLUMN IF EXISTS " + m.quotedColumn()))
                .chain(() -> run(db, ran, "ALTER TABLE " + copy + " ADD COLUMN " + columnClause(m)))
                .chain(() -> ColumnFacts.find(db, copy, m.column()))
                .invoke(facts -> column[0] = facts)
                .replaceWithVoid();
        for (int i = 0; i < spec.checkList().size(); i++) {
            String name = "colshift_probe_check_" + i;
            String expression = spec.checkList().get(i).expression();
            chain = chain.chain(() -> run(
                            db,
                            ran,
                            "ALTER TABLE " + copy + " ADD CONSTRAINT " + quote(name) + " CHECK (" + expression
                                    + ") NOT VALID"))
                    .chain(() -> db.preparedQuery(
                                    "SELECT pg_get_expr(conbin, conrelid) AS expression FROM pg_constraint"
                                            + " WHERE conrelid = to_regclass($1) AND conname = $2")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(copy, name)))
                    .invoke(rows -> checks.add(rows.iterator().next().getString("expression")))
                    .replaceWithVoid();
        }
        if (spec.isUnique() || spec.isPrimaryKey()) {
            chain = chain.chain(() -> index(
                            db,
                            ran,
                            "CREATE UNIQUE INDEX colshift_probe_unique ON " + copy + " (" + m.quotedColumn() + ")",
                            "pg_temp.colshift_probe_unique"))
                    .invoke(shape -> unique[0] = shape)
                    .replaceWithVoid();
        }
        List<IndexSpec> requested = spec.indexList();
        for (int i = 0; i < requested.size(); i++) {
            String name = "colshift_probe_index_" + i;
            String create = createIndex(requested.get(i), quote(name), copy);
            chain = chain.chain(() -> index(db, ran, create, "pg_temp." + quote(name)))
                    .invoke(indexes::add)
                    .replaceWithVoid();
        }
        String backfill = m.backfillSql() == null ? null : spec.effectiveBackfillExpression();
        if (backfill != null) {
            chain = chain.chain(() ->
                            comparable(db, ran, copy, backfill, expectedType != null ? expectedType : column[0].type()))
                    .invoke(note -> backfillNote[0] = note)
                    .replaceWithVoid();
        }
        return chain.map(ignored -> new RequestedShape(
                column[0],
                checks,
                unique[0],
                indexes,
                backfill != null && backfillNote[0] == null,
                backfill == null ? "no backfill" : backfillNote[0],
                column[0] == null ? "the probe's column was not created" : null,
                ran));
    }

    /**
     * Null when {@code expression} is immutable and reads only the row (PostgreSQL accepts it as a generation
     * expression), else PostgreSQL's reason.
     */
    private static Uni<String> comparable(
            SqlConnection db, List<String> ran, String copy, String expression, String type) {
        String add = "ALTER TABLE " + copy + " ADD COLUMN " + PROBE_VALUE_COLUMN + " " + type
                + " GENERATED ALWAYS AS (CAST((" + expression + ") AS " + type + ")) STORED";
        return run(db, ran, "SAVEPOINT colshift_probe_value")
                .chain(() -> run(db, ran, add))
                .map(ignored -> (String) null)
                .onFailure(e -> e instanceof PgException)
                .recoverWithUni(e -> run(db, ran, "ROLLBACK TO SAVEPOINT colshift_probe_value")
                        .replaceWith(
                                NOT_IMMUTABLE.equals(((PgException) e).getSqlState())
                                        ? "not immutable: " + e.getMessage()
                                        : "not a self-contained row expression: " + e.getMessage()));
    }

    private static Uni<IndexShape> index(SqlConnection db, List<String> ran, String create, String name) {
        return run(db, ran, create).chain(() -> IndexShape.find(db, name)).map(IndexShape.Found::shape);
    }

    /** The column as the spec asks for it, in {@code ADD COLUMN} syntax (the planner's, minus NOT NULL). */
    static String columnClause(MigrationUnderCheck m) {
        MigrationSpec spec = m.spec();
        StringBuilder clause = new StringBuilder(m.quotedColumn()).append(' ').append(spec.type());
        if (spec.collation() != null) {
            int dot = spec.collation().indexOf('.');
            clause.append(" COLLATE ")
                    .append(
                            dot < 0
                                    ? quote(spec.collation())
                                    : quote(spec.collation().substring(0, dot)) + "."
                                            + quote(spec.collation().substring(dot + 1)));
        }
        if (spec.defaultExpression() != null) {
            clause.append(" DEFAULT (").append(spec.defaultExpression()).append(')');
        }
        if (spec.identity() != null) {
            clause.append(" GENERATED ").append(spec.identity()).append(" AS IDENTITY");
        }
        if (spec.generated() != null) {
            String kind = spec.generated().kind() == null
                    ? "STORED"
                    : spec.generated().kind();
            clause.append(" GENERATED ALWAYS AS (")
                    .append(spec.generated().expression())
                    .append(") ")
                    .append(kind);
        }
        return clause.toString();
    }

    static String createIndex(IndexSpec index, String name, String table) {
        StringBuilder create = new StringBuilder("CREATE ")
                .append(index.isUnique() ? "UNIQUE " : "")
                .append("INDEX ")
                .append(name)
                .append(" ON ")
                .append(table);
        if (index.method() != null) {
            create.append(" USING ").append(quote(index.method()));
        }
        create.append(" (").append(String.join(", ", index.keys())).append(')');
        if (index.where() != null) {
            create.append(" WHERE (").append(index.where()).append(')');
        }
        return create.toString();
    }

    private static Uni<Void> run(SqlConnection db, List<String> ran, String sql) {
        ran.add(sql);
        return db.preparedQuery(sql).execute().replaceWithVoid();
    }
}
