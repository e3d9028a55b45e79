package dev.colshift.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.StoredPlan;
import dev.colshift.schemas.Topics;
import dev.colshift.schemas.WatchedQuery;
import java.util.List;

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
        List<PlannedStep> steps,
        List<WatchedQuery> watchQueries) {

    /** The same migration planned metadata-only: no backfill statement, no key span, no batches. */
    LedgerFixture metadataOnly() {
        return new LedgerFixture(
                id,
                spec,
                schema,
                table,
                keyColumn,
                canonicalType,
                batchSize,
                null,
                null,
                null,
                null,
                steps,
                watchQueries);
    }

    /** The same migration with watch queries recorded at intake. */
    LedgerFixture watching(List<WatchedQuery> queries) {
        return new LedgerFixture(
                id,
                spec,
                schema,
                table,
                keyColumn,
                canonicalType,
                batchSize,
                backfillSql,
                rangeLower,
                rangeUpper,
                batchesTotal,
                steps,
                queries);
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

    /** The plan as the planner stores it: the {@link StoredPlan} contract. */
    private StoredPlan plan() {
        return new StoredPlan(
                StoredPlan.SCHEMA_VERSION,
                id,
                schema,
                table,
                spec.column(),
                keyColumn,
                canonicalType,
                batchSize,
                backfillSql,
                steps.stream()
                        .map(s -> new StoredPlan.Step(s.id(), s.phase(), s.statements(), s.createsIndex()))
                        .toList(),
                watchQueries);
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
