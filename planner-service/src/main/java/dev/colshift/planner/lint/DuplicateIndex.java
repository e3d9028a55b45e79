package dev.colshift.planner.lint;

import java.util.Optional;

/** An index whose keys an existing index already has costs writes for nothing. */
public final class DuplicateIndex implements LintRule {
    public static final String ID = "duplicate-index";

    @Override
    public Optional<Finding> check(LintSubject s) {
        for (var index : s.spec().indexList()) {
            String keys = String.join(", ", index.keys()).replace("\"", "").trim();
            if (s.stats().indexKeys().stream().anyMatch(k -> k.replace("\"", "").equals(keys))) {
                return Optional.of(new Finding(
                        ID,
                        Severity.WARNING,
                        "indexes",
                        "an index on (" + keys + ") already exists",
                        "drop the new index from the request unless it differs in a way that matters"));
            }
        }
        return Optional.empty();
    }
}
