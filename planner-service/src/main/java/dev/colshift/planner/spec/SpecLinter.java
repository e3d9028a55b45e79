package dev.colshift.planner.spec;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.CheckSpec;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a spec on its own, before the catalog is read: required fields, identifier syntax, the shape of the type
 * and expressions, and that a NOT NULL column has a value for existing rows. Pure: no I/O.
 */
public final class SpecLinter {
    public static final int MAX_BATCH_SIZE = 1_000_000;

    private SpecLinter() {}

    public static List<SpecProblem> lint(MigrationSpec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec == null) {
            return List.of(new SpecProblem.MissingField("table"));
        }
        if (isMissing(spec.table())) {
            problems.add(new SpecProblem.MissingField("table"));
        } else if (TableName.parse(spec.table()).isEmpty()) {
            problems.add(new SpecProblem.InvalidIdentifier("table", spec.table()));
        }
        if (isMissing(spec.column())) {
            problems.add(new SpecProblem.MissingField("column"));
        } else if (!Identifiers.isValid(spec.column())) {
            problems.add(new SpecProblem.InvalidIdentifier("column", spec.column()));
        }
        if (isMissing(spec.type())) {
            problems.add(new SpecProblem.MissingField("type"));
        } else if (!TypeShape.isAcceptable(spec.type())) {
            problems.add(new SpecProblem.InvalidType("type", spec.type(), "not a type name"));
        }
        lintExpression("defaultExpression", spec.defaultExpression(), problems);
        lintExpression("backfillExpression", spec.backfillExpression(), problems);
        lintVersion2(spec, problems);
        if (spec.batchSize() != null && (spec.batchSize() < 1 || spec.batchSize() > MAX_BATCH_SIZE)) {
            problems.add(new SpecProblem.OutOfRange("batchSize", "must be between 1 and " + MAX_BATCH_SIZE));
        }
        return problems;
    }

    private static final Set<String> REFERENTIAL_ACTIONS =
            Set.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT");
    private static final Pattern HAZARD_ID = Pattern.compile("[a-z0-9-]{1,63}");

    /** The fields an ADD COLUMN clause and the statements after it may carry: shapes only; PostgreSQL judges meaning. */
    private static void lintVersion2(MigrationSpec spec, List<SpecProblem> problems) {
        if (spec.collation() != null
                && (spec.collation().isBlank() || spec.collation().getBytes(StandardCharsets.UTF_8).length > 63)) {
            problems.add(new SpecProblem.InvalidIdentifier("collation", spec.collation()));
        }
        for (CheckSpec check : spec.checkList()) {
            if (check == null || check.expression() == null) {
                problems.add(new SpecProblem.MissingField("checks.expression"));
                continue;
            }
            lintName("checks.name", check.name(), problems);
            lintExpression("checks.expression", check.expression(), problems);
        }
        ForeignKeySpec fk = spec.references();
        if (fk != null) {
            if (isMissing(fk.table())) {
                problems.add(new SpecProblem.MissingField("references.table"));
            } else if (TableName.parse(fk.table()).isEmpty()) {
                problems.add(new SpecProblem.InvalidIdentifier("references.table", fk.table()));
            }
            lintName("references.column", fk.column(), problems);
            lintName("references.name", fk.name(), problems);
            lintAction("references.onDelete", fk.onDelete(), problems);
            lintAction("references.onUpdate", fk.onUpdate(), problems);
            if (fk.deferrable() != null
                    && !Set.of("DEFERRABLE", "DEFERRABLE INITIALLY DEFERRED", "DEFERRABLE INITIALLY IMMEDIATE")
                            .contains(fk.deferrable())) {
                problems.add(new SpecProblem.OutOfRange(
                        "references.deferrable", "must be DEFERRABLE [INITIALLY DEFERRED|INITIALLY IMMEDIATE]"));
            }
        }
        if (spec.identity() != null && !Set.of("ALWAYS", "BY DEFAULT").contains(spec.identity())) {
            problems.add(new SpecProblem.OutOfRange("identity", "must be ALWAYS or BY DEFAULT"));
        }
        if (spec.generated() != null) {
            if (spec.generated().expression() == null) {
                problems.add(new SpecProblem.MissingField("generated.expression"));
            } else {
                lintExpression("generated.expression", spec.generated().expression(), problems);
            }
            if (spec.generated().kind() != null
                    && !Set.of("STORED", "VIRTUAL").contains(spec.generated().kind())) {
                problems.add(new SpecProblem.OutOfRange("generated.kind", "must be STORED or VIRTUAL"));
            }
        }
        for (IndexSpec index : spec.indexList()) {
            if (index == null || index.keys() == null || index.keys().isEmpty()) {
                problems.add(new SpecProblem.MissingField("indexes.keys"));
                continue;
            }
            lintName("indexes.name", index.name(), problems);
            lintName("indexes.method", index.method(), problems);
            index.keys().forEach(key -> lintExpression("indexes.keys", key, problems));
            if (index.where() != null) {
                lintExpression("indexes.where", index.where(), problems);
            }
        }
        if (spec.comment() != null && spec.comment().indexOf('\\') >= 0) {
            problems.add(new SpecProblem.InvalidExpression("comment", spec.comment(), "backslash is not allowed"));
        }
        if (spec.allowHazards() != null) {
            spec.allowHazards().stream()
                    .filter(h -> h == null || !HAZARD_ID.matcher(h).matches())
                    .forEach(h -> problems.add(new SpecProblem.OutOfRange("allowHazards", "has a malformed rule id")));
        }
    }

    private static void lintName(String field, String name, List<SpecProblem> problems) {
        if (name != null && !Identifiers.isValid(name)) {
            problems.add(new SpecProblem.InvalidIdentifier(field, name));
        }
    }

    private static void lintAction(String field, String action, List<SpecProblem> problems) {
        if (action != null && !REFERENTIAL_ACTIONS.contains(action)) {
            problems.add(new SpecProblem.OutOfRange(field, "must be one of " + REFERENTIAL_ACTIONS));
        }
    }

    private static void lintExpression(String field, String expression, List<SpecProblem> problems) {
        if (expression != null) {
            ExpressionShape.problem(expression)
                    .ifPresent(reason -> problems.add(new SpecProblem.InvalidExpression(field, expression, reason)));
        }
    }

    private static boolean isMissing(String value) {
        return value == null || value.isBlank();
    }
}
