package dev.colshift.planner.spec;

import dev.colshift.schemas.MigrationSpec;
import java.util.ArrayList;
import java.util.List;

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
        if (!spec.allowsNull() && spec.effectiveBackfillExpression() == null) {
            problems.add(new SpecProblem.NotNullWithoutValue("nullable"));
        }
        if (spec.batchSize() != null && (spec.batchSize() < 1 || spec.batchSize() > MAX_BATCH_SIZE)) {
            problems.add(new SpecProblem.OutOfRange("batchSize", "must be between 1 and " + MAX_BATCH_SIZE));
        }
        return problems;
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
