package dev.colshift.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One migration as the planner records it: the {@code colshift.migrations} row (spec and plan JSON included) and,
 * on request, the step, audit and batch rows a run leaves behind.
 */
record LedgerFixture(
        String id,
        MigrationSpec spec,
        String schema,
        String table,
        String keyColumn,
        String canonicalType,
        int batchSize,
        String backfillSql,
        Long rangeLower,
        Long rangeUpper,
        Long batchesTotal,
        List<PlannedStep> steps) {

    void insertMigration(LedgerDatabase db) {
        db.update(
                """
                INSERT INTO colshift.migrations (id, spec, plan, table_schema, table_name, column_name, key_column,
                  backfill_sql, batch_size, phase, requested_by, range_lower, range_upper, batches_total)
                VALUES (?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, 'VERIFYING', 'test', ?, ?, ?)""",
                id,
                json(spec),
                json(plan()),
                schema,
                table,
                spec.column(),
                keyColumn,
                backfillSql,
                batchSize,
                rangeLower,
                rangeUpper,
                batchesTotal);
    }

    /** Records every expand and contract step as done, in the step ledger and the audit log. */
    void recordDdlSteps(LedgerDatabase db) {
        steps.stream()
                .filter(s -> s.phase() == Phase.EXPANDING || s.phase() == Phase.CONTRACTING)
                .forEach(s -> {
                    db.update(
                            "INSERT INTO colshift.steps (migration_id, step_id, attempts) VALUES (?, ?, 1)",
                            id,
                            s.id());
                    db.update("""
                    INSERT INTO colshift.audit_log (migration_id, actor, action, outcome, sql)
                    VALUES (?, 'planner', ?, 'SUCCEEDED', 'fixture')""", id, s.id());
                });
    }

    void recordBatch(LedgerDatabase db, long rangeId, long lower, long upper) {
        db.update("""
                INSERT INTO colshift.batches (migration_id, range_id, lower_bound, upper_bound, rows_updated, worker_id,
                  attempt, duration_ms) VALUES (?, ?, ?, ?, ?, 'fixture', 1, 1)""", id, rangeId, lower, upper, upper - lower);
    }

    private Map<String, Object> plan() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("migrationId", id);
        plan.put("schema", schema);
        plan.put("table", table);
        plan.put("column", spec.column());
        plan.put("keyColumn", keyColumn);
        plan.put("canonicalType", canonicalType);
        plan.put("batchSize", batchSize);
        plan.put("backfillStatement", backfillSql);
        plan.put(
                "steps",
                steps.stream()
                        .map(s -> Map.of(
                                "id",
                                s.id(),
                                "phase",
                                s.phase().name(),
                                "purpose",
                                "fixture",
                                "statements",
                                List.of(),
                                "lock",
                                "ACCESS_EXCLUSIVE",
                                "scansTable",
                                false))
                        .toList());
        return plan;
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
