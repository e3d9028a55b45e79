package dev.colshift.planner.lint;

import java.util.Optional;

/** strong_migrations add_index_corruption: PostgreSQL 14.0 to 14.3 could corrupt indexes built concurrently. */
public final class IndexCorruptionPg14 implements LintRule {
    public static final String ID = "index-corruption-pg14";

    @Override
    public Optional<Finding> check(LintSubject s) {
        int v = s.input().facts().serverVersionNum();
        boolean builds = !s.spec().indexList().isEmpty()
                || s.spec().isUnique()
                || s.spec().isPrimaryKey();
        if (!builds || v < 140000 || v >= 140004) { // 14.4 is 140004
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                Severity.HAZARD,
                "indexes",
                "PostgreSQL " + v + " can silently corrupt an index built CONCURRENTLY (fixed in 14.4)",
                "upgrade to 14.4 or later"));
    }
}
