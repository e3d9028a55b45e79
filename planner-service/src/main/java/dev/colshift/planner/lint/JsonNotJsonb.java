package dev.colshift.planner.lint;

import java.util.Optional;

/** strong_migrations add_column_json: json has no equality operator, so DISTINCT and some queries fail. */
public final class JsonNotJsonb implements LintRule {
    public static final String ID = "json-not-jsonb";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (!s.typeWritten().equals("json")) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.WARNING,
                "type",
                "json has no equality operator: SELECT DISTINCT and UNION over the table fail",
                "use jsonb"));
    }
}
