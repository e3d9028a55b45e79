package dev.colshift.verifier;

import static dev.colshift.verifier.SqlNames.qualified;
import static dev.colshift.verifier.SqlNames.quote;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.util.List;

/** Ledger rows for the kinds of migration the planner plans, with step ids and SQL shaped as the planner's. */
final class Fixtures {
    private static final String SCHEMA = "public";

    private Fixtures() {}

    /** A column with a default, backfilled, then made NOT NULL through the helper check. */
    static LedgerFixture notNull(
            String id,
            String table,
            MigrationSpec spec,
            String canonicalType,
            Long lower,
            Long upper,
            Long batchesTotal) {
        return fixture(
                id,
                table,
                "id",
                spec,
                canonicalType,
                lower,
                upper,
                batchesTotal,
                List.of(
                        step("expand", Phase.EXPANDING), step("backfill", Phase.BACKFILLING),
                        step("add_not_null_check", Phase.CONTRACTING),
                                step("validate_not_null_check", Phase.CONTRACTING),
                        step("set_not_null", Phase.CONTRACTING), step("drop_not_null_check", Phase.CONTRACTING)));
    }

    /** A nullable column filled from an expression by the backfill and, meanwhile, the fill-if-null trigger. */
    static LedgerFixture fillTrigger(
            String id,
            String table,
            String keyColumn,
            MigrationSpec spec,
            String canonicalType,
            Long lower,
            Long upper,
            Long batchesTotal) {
        return fixture(
                id,
                table,
                keyColumn,
                spec,
                canonicalType,
                lower,
                upper,
                batchesTotal,
                List.of(
                        step("expand", Phase.EXPANDING),
                        step("backfill", Phase.BACKFILLING),
                        step("drop_fill_trigger", Phase.CONTRACTING)));
    }

    /** A nullable column with a default, on a table that was empty when the backfill started. */
    static LedgerFixture nullableWithDefault(
            String id, String table, MigrationSpec spec, String canonicalType, Long batchesTotal) {
        return fixture(
                id,
                table,
                "id",
                spec,
                canonicalType,
                null,
                null,
                batchesTotal,
                List.of(step("expand", Phase.EXPANDING), step("backfill", Phase.BACKFILLING)));
    }

    /**
     * Any plan: each step's id is {@code <action>:public.<table>:<column>}; the steps carry their statements and, for
     * concurrent index builds, the index they create.
     */
    static LedgerFixture planned(
            String id,
            String table,
            MigrationSpec spec,
            String canonicalType,
            Long lower,
            Long upper,
            Long batchesTotal,
            StepTemplate... steps) {
        return fixture(id, table, "id", spec, canonicalType, lower, upper, batchesTotal, List.of(steps));
    }

    static StepTemplate step(String action, Phase phase, String statement) {
        return new StepTemplate(action, phase, List.of(statement), null);
    }

    static StepTemplate index(String action, String createStatement, String index) {
        return new StepTemplate(action, Phase.CONTRACTING, List.of(createStatement), index);
    }

    private static LedgerFixture fixture(
            String id,
            String table,
            String keyColumn,
            MigrationSpec spec,
            String canonicalType,
            Long lower,
            Long upper,
            Long batchesTotal,
            List<StepTemplate> templates) {
        String target = SCHEMA + "." + table + ":" + spec.column();
        List<PlannedStep> steps = templates.stream()
                .map(t -> new PlannedStep(t.action() + ":" + target, t.phase(), t.statements(), t.createsIndex()))
                .toList();
        String key = quote(keyColumn);
        String column = quote(spec.column());
        String backfill = spec.effectiveBackfillExpression() == null
                ? null
                : "UPDATE " + qualified(SCHEMA, table) + " AS " + quote(table) + " SET " + column + " = ("
                        + spec.effectiveBackfillExpression() + ") WHERE " + key + " >= $1::bigint AND " + key
                        + " < $2::bigint AND " + column + " IS NULL";
        int batchSize = spec.batchSize() == null ? 10000 : spec.batchSize();
        return new LedgerFixture(
                id,
                spec,
                SCHEMA,
                table,
                keyColumn,
                canonicalType,
                batchSize,
                backfill,
                lower,
                upper,
                batchesTotal,
                steps,
                List.of());
    }

    static StepTemplate step(String action, Phase phase) {
        return new StepTemplate(action, phase, List.of(), null);
    }

    record StepTemplate(String action, Phase phase, List<String> statements, String createsIndex) {}
}
