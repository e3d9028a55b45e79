package dev.colshift.planner.lint;

import java.util.Optional;

/** A foreign key without an index on its column makes every delete on the referenced table scan this one. */
public final class ForeignKeyWithoutIndex implements LintRule {
    public static final String ID = "foreign-key-without-index";

    @Override
    public Optional<Finding> check(LintSubject s) {
        if (s.spec().references() == null) {
            return Optional.empty();
        }
        String column = s.spec().column();
        boolean requested = s.spec().isUnique()
                || s.spec().isPrimaryKey()
                || s.spec().indexList().stream()
                        .anyMatch(i -> i.keys().get(0).trim().replace("\"", "").equals(column));
        if (requested || s.stats().indexLeadingColumns().contains(column)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.WARNING,
                "references",
                "no index leads with " + column + ": deletes and key updates on the referenced table scan this table",
                "add CREATE INDEX CONCURRENTLY ON the table (" + column + ") to the request"));
    }
}
