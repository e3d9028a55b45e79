package dev.colshift.verifier.check;

import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.check.PlannedObjects.PlannedConstraint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every constraint the plan added is on the table, of the right kind, on the new column and validated
 * ({@code convalidated}): each CHECK with the requested expression, the foreign key to the requested table with the
 * requested actions, UNIQUE / PRIMARY KEY on the column.
 */
@ApplicationScoped
public class ConstraintsValidatedCheck implements VerificationCheck {
    static final String NAME = "constraints-validated";
    static final String SQL = """
            SELECT k.contype::text AS kind, k.convalidated, pg_get_constraintdef(k.oid) AS definition,
              pg_get_expr(k.conbin, k.conrelid) AS expression,
              k.conkey = ARRAY[(SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = $3)]
                AS on_column,
              rn.nspname::text AS referenced_schema, rc.relname::text AS referenced_table,
              k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update
            FROM pg_constraint k
            LEFT JOIN pg_class rc ON rc.oid = k.confrelid
            LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE k.conrelid = to_regclass($1) AND k.conname = $2""";
    private static final Map<String, String> ACTION_CODES =
            Map.of("NO ACTION", "a", "RESTRICT", "r", "CASCADE", "c", "SET NULL", "n", "SET DEFAULT", "d");

    /** A constraint as the catalog holds it. */
    record FoundConstraint(
            String kind,
            boolean validated,
            String definition,
            String expression,
            boolean onColumn,
            String referencedSchema,
            String referencedTable,
            String onDelete,
            String onUpdate) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        List<PlannedConstraint> planned = PlannedObjects.constraints(m, context.requested());
        if (planned.isEmpty()) {
            return Uni.createFrom().item(CheckOutcome.pass(NAME, "the plan adds no constraint"));
        }
        return context.db().readOnly(db -> findAll(db, m, planned)).map(found -> {
            List<String> problems = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                String problem = evaluate(planned.get(i), found.get(i));
                if (problem != null) {
                    problems.add(problem);
                } else {
                    seen.add(planned.get(i).name() + " " + found.get(i).definition());
                }
            }
            CheckOutcome outcome = problems.isEmpty()
                    ? CheckOutcome.pass(NAME, "validated: " + String.join("; ", seen))
                    : CheckOutcome.fail(NAME, String.join("; ", problems));
            return outcome.withEvidence(
                            Map.of("planned", (long) planned.size(), "failing", (long) problems.size()), List.of())
                    .withSql(List.of(SQL.strip()));
        });
    }

    private static Uni<List<FoundConstraint>> findAll(
            SqlConnection db, MigrationUnderCheck m, List<PlannedConstraint> planned) {
        List<FoundConstraint> found = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlannedConstraint constraint : planned) {
            chain = chain.chain(() ->
                            db.preparedQuery(SQL).execute(Tuple.of(m.quotedTable(), constraint.name(), m.column())))
                    .invoke(rows -> found.add(
                            rows.size() == 0 ? null : found(rows.iterator().next())))
                    .replaceWithVoid();
        }
        return chain.map(ignored -> found);
    }

    private static FoundConstraint found(Row r) {
        return new FoundConstraint(
                r.getString("kind"),
                r.getBoolean("convalidated"),
                r.getString("definition"),
                r.getString("expression"),
                Boolean.TRUE.equals(r.getBoolean("on_column")),
                r.getString("referenced_schema"),
                r.getString("referenced_table"),
                r.getString("on_delete"),
                r.getString("on_update"));
    }

    /** What is wrong with one planned constraint, or null when it is as planned. */
    static String evaluate(PlannedConstraint planned, FoundConstraint found) {
        String name = "constraint " + planned.name();
        if (planned.name() == null) {
            return "step " + planned.stepId() + " names no constraint";
        }
        if (found == null) {
            return name + " is missing";
        }
        if (!found.kind().equals(String.valueOf(planned.kind()))) {
            return name + " is of kind " + found.kind() + ", plan adds kind " + planned.kind();
        }
        List<String> problems = new ArrayList<>();
        if (!found.validated()) {
            problems.add("NOT VALID (convalidated is false)");
        }
        if (planned.kind() != 'c' && !found.onColumn()) {
            problems.add("not on the new column alone");
        }
        if (planned.kind() == 'c'
                && planned.expression() != null
                && !Objects.equals(planned.expression(), found.expression())) {
            problems.add("checks " + found.expression() + ", spec asks for " + planned.expression());
        }
        if (planned.kind() == 'f' && planned.references() != null) {
            referenceProblems(planned.references(), found, problems);
        }
        return problems.isEmpty() ? null : name + " (" + found.definition() + "): " + String.join(", ", problems);
    }

    private static void referenceProblems(ForeignKeySpec asked, FoundConstraint found, List<String> problems) {
        String table = asked.table();
        int dot = table.lastIndexOf('.');
        String askedName = unquote(dot < 0 ? table : table.substring(dot + 1));
        String askedSchema = dot < 0 ? null : unquote(table.substring(0, dot));
        if (!askedName.equalsIgnoreCase(String.valueOf(found.referencedTable()))
                || (askedSchema != null && !askedSchema.equalsIgnoreCase(String.valueOf(found.referencedSchema())))) {
            problems.add("references " + found.referencedSchema() + "." + found.referencedTable() + ", spec asks for "
                    + table);
        }
        if (!code(asked.onDelete()).equals(found.onDelete())) {
            problems.add("ON DELETE is '" + found.onDelete() + "', spec asks for " + asked.onDelete());
        }
        if (!code(asked.onUpdate()).equals(found.onUpdate())) {
            problems.add("ON UPDATE is '" + found.onUpdate() + "', spec asks for " + asked.onUpdate());
        }
    }

    private static String code(String action) {
        if (action == null) {
            return "a";
        }
        return ACTION_CODES.getOrDefault(action.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT), "?");
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }
}
