package dev.colshift.planner.db;

import dev.colshift.planner.control.DesiredState;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.time.OffsetDateTime;

/**
 * One row of {@code colshift.migrations}: a migration's spec, plan, where it stands and what the operator wants of it.
 *
 * @param pausedFrom the phase a paused migration resumes in
 * @param waitingFor why the driver is waiting, when it is (a maintenance window, the verifier, a pause)
 * @param failure    why it failed, while the failure's rollback runs
 */
public record MigrationRecord(
        String id,
        MigrationSpec spec,
        MigrationPlan plan,
        Phase phase,
        String requestedBy,
        Long rangeLower,
        Long rangeUpper,
        Long batchesTotal,
        boolean batchesPublished,
        Long rowsEstimate,
        OffsetDateTime createdAt,
        OffsetDateTime backfillStartedAt,
        OffsetDateTime backfillFinishedAt,
        OffsetDateTime verifyRequestedAt,
        OffsetDateTime finishedAt,
        String detail,
        String verification,
        DesiredState desired,
        Phase pausedFrom,
        OffsetDateTime pausedAt,
        String waitingFor,
        String failure) {}
