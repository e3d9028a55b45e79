package dev.colshift.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.planner.db.MigrationListing.ListedMigration;
import dev.colshift.schemas.Phase;
import java.time.OffsetDateTime;
import java.util.List;

/** One line of {@code GET /migrations}: what a migration changes, where it is and how far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationSummary(
        String id,
        String table,
        String column,
        String type,
        Phase phase,
        String desired,
        double percent,
        long batchesDone,
        long batchesTotal,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finishedAt) {

    static MigrationSummary of(ListedMigration m) {
        return new MigrationSummary(
                m.id(),
                m.table(),
                m.column(),
                m.type(),
                m.phase(),
                m.desired(),
                ProgressPercent.of(m.phase(), m.batchesDone(), m.batchesTotal()),
                m.batchesDone(),
                m.batchesTotal(),
                m.createdAt(),
                m.updatedAt(),
                m.finishedAt());
    }

    /** The answer of {@code GET /migrations}: newest first, at most {@code limit} of them. */
    public record Listing(List<MigrationSummary> migrations, int limit) {}
}
