package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The column exists with the planned type, a default exactly when one was asked for, and the asked nullability. */
@ApplicationScoped
public class ColumnShapeCheck implements VerificationCheck {
    static final String NAME = "column-shape";

    /** The column as the catalog describes it; {@code defaultExpression} is pg_get_expr text or null. */
    record ColumnFacts(String type, boolean notNull, String defaultExpression) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> run(MigrationUnderCheck m, SqlConnection db) {
        return db.preparedQuery("""
                SELECT format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                  pg_get_expr(d.adbin, d.adrelid) AS default_expression
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped""")
                .execute(Tuple.of(m.schema(), m.table(), m.column()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return evaluate(m, null);
                    }
                    Row row = rows.iterator().next();
                    return evaluate(
                            m,
                            new ColumnFacts(
                                    row.getString("type"),
                                    row.getBoolean("attnotnull"),
                                    row.getString("default_expression")));
                });
    }

    /** Compares the catalog's view of the column with the plan and spec; {@code actual} is null when it is missing. */
    static CheckResult evaluate(MigrationUnderCheck m, ColumnFacts actual) {
        if (actual == null) {
            return CheckResult.fail(NAME, "column " + m.column() + " does not exist on " + m.tableName());
        }
        List<String> problems = new ArrayList<>();
        if (!actual.type().equals(m.canonicalType())) {
            problems.add("type is " + actual.type() + ", plan expects " + m.canonicalType());
        }
        String askedDefault = expectedDefault(m.spec());
        if (askedDefault != null && actual.defaultExpression() == null) {
            problems.add("has no default, spec asks for " + askedDefault);
        } else if (askedDefault == null && actual.defaultExpression() != null) {
            problems.add("has default " + actual.defaultExpression() + ", spec asks for none");
        }
        boolean wantNotNull =
                !m.spec().allowsNull() || isSerial(m.spec()) || m.spec().identity() != null;
        if (actual.notNull() != wantNotNull) {
            problems.add(actual.notNull() ? "is NOT NULL, spec allows NULL" : "allows NULL, spec asks for NOT NULL");
        }
        String shape = actual.type()
                + (actual.notNull() ? " NOT NULL" : " NULL")
                + (actual.defaultExpression() == null ? "" : " DEFAULT " + actual.defaultExpression());
        return problems.isEmpty()
                ? CheckResult.pass(NAME, m.column() + " " + shape)
                : CheckResult.fail(NAME, m.column() + " " + shape + ": " + String.join("; ", problems));
    }

    /** What the column's default was asked to be: a serial column defaults to its sequence, a generated one to its expression. */
    private static String expectedDefault(MigrationSpec spec) {
        if (spec.defaultExpression() != null) {
            return spec.defaultExpression();
        }
        if (isSerial(spec)) {
            return "nextval(...)";
        }
        return spec.generated() != null ? spec.generated().expression() : null;
    }

    private static boolean isSerial(MigrationSpec spec) {
        return spec.type() != null
                && Set.of("smallserial", "serial2", "serial", "serial4", "bigserial", "serial8")
                        .contains(spec.type().trim().toLowerCase(Locale.ROOT));
    }
}
