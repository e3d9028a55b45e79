package dev.colshift.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.Topics;
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

    /** The same migration planned metadata-only: no backfill statement, no key span, no batches. */
    LedgerFixture metadataOnly() {
        return new LedgerFixture(
                id, spec, schema, table, keyColumn, canonicalType, batchSize, null, null, null, null, steps);
    }

    /** Runs the contract steps' own statements: concurrent index builds outside a transaction, the rest in one each. */
    void runContractSteps(LedgerDatabase db) {
        steps.stream().filter(s -> s.phase() == Phase.CONTRACTING).forEach(s -> {
            if (s.createsIndex() != null) {
                s.statements().forEach(sql -> {
                    String error = db.executeOutsideTransaction(sql);
                    if (error != null) {
                        throw new IllegalStateException(s.id() + ": " + error);
                    }
                });
            } else {
                db.execute(s.statements().toArray(String[]::new));
            }
        });
    }

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
        recordDdlSteps(db, null);
    }

    /**
     * Records every expand and contract step as done and, when {@code topics} is given, publishes each audit row on
     * colshift.audit with the same event id, as the planner's outbox relay does.
     */
    void recordDdlSteps(LedgerDatabase db, EventTopics topics) {
        steps.stream()
                .filter(s -> s.phase() == Phase.EXPANDING || s.phase() == Phase.CONTRACTING)
                .forEach(s -> {
                    db.update(
                            "INSERT INTO colshift.steps (migration_id, step_id, attempts) VALUES (?, ?, 1)",
                            id,
                            s.id());
                    String sql = s.statements().isEmpty() ? "fixture" : String.join(";\n", s.statements());
                    AuditRecord audit = AuditRecord.of(id, "planner", s.id(), "SUCCEEDED", sql, null);
                    db.update("""
                            INSERT INTO colshift.audit_log (migration_id, actor, action, outcome, sql, event_id)
                            VALUES (?, 'planner', ?, 'SUCCEEDED', ?, ?)""", id, s.id(), sql, audit.eventId());
                    if (topics != null) {
                        topics.send(Topics.AUDIT, audit);
                    }
                });
    }

    /** Backfills range {@code rangeId} as a worker does (see {@link LedgerDatabase#backfill}). */
    void backfill(LedgerDatabase db, long rangeId, long lower, long upper, String... alsoInTheSameTransaction) {
        db.backfill(id, backfillSql, rangeId, lower, upper, alsoInTheSameTransaction);
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
                        .map(s -> {
                            Map<String, Object> step = new LinkedHashMap<>();
                            step.put("id", s.id());
                            step.put("phase", s.phase().name());
                            step.put("purpose", "fixture");
                            step.put("statements", s.statements());
                            step.put("lock", "ACCESS_EXCLUSIVE");
                            step.put("scansTable", false);
                            if (s.createsIndex() != null) {
                                step.put("createsIndex", s.createsIndex());
                            }
                            return step;
                        })
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
