package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.qualified;
import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.HelperObjects;
import dev.colshift.schemas.MigrationSpec;

/** The spec and catalog facts an {@link Operation} plans from, with the names every operation agrees on. */
public record PlanInput(String migrationId, MigrationSpec spec, CatalogFacts facts) {

    public String qualifiedTable() {
        return qualified(facts.schema(), facts.table());
    }

    public String quotedColumn() {
        return quote(spec.column());
    }

    /** The step id for an action on this table and column, e.g. {@code expand:public.users:last_login}. */
    public String stepId(String action) {
        return action + ":" + facts.schema() + "." + facts.table() + ":" + spec.column();
    }

    /**
     * Rows written by the application during the migration must get the backfill value too. A default does that for
     * inserts when it is the backfill expression; otherwise a fill-if-null trigger has to.
     */
    public boolean needsFillTrigger() {
        String backfill = spec.backfillExpression();
        return backfill != null && !backfill.equals(spec.defaultExpression());
    }

    public boolean needsBackfill() {
        return spec.effectiveBackfillExpression() != null;
    }

    public String fillFunction() {
        return HelperObjects.FUNCTION_SCHEMA + "." + quote(HelperObjects.fillTrigger(migrationId));
    }

    public String fillTrigger() {
        return quote(HelperObjects.fillTrigger(migrationId));
    }

    public String notNullCheck() {
        return quote(HelperObjects.notNullCheck(migrationId));
    }
}
