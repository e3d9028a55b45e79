package dev.colshift.planner.db;

import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.time.OffsetDateTime;

/** One row of {@code colshift.migrations}: a migration's spec, plan and where it stands. */
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
        String verification) {}
