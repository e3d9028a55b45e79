package dev.colshift.planner.lint;

import dev.colshift.planner.plan.PlanInput;
import dev.colshift.schemas.MigrationSpec;

/** What a lint rule looks at: the change, the planner's view of it (facts and PostgreSQL's verdict), the catalog. */
public record LintSubject(PlanInput input, TableStats stats) {
    public MigrationSpec spec() {
        return input.spec();
    }

    /** The type as the user wrote it, lower case with single spaces. */
    public String typeWritten() {
        return spec().type().trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }
}
