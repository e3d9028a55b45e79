package dev.colshift.planner.db;

import static dev.colshift.planner.spec.Identifiers.qualified;

import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.schemas.KeysetSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The keyset walk's one read of the table: from a range's lower bound, the key a batch further on, within the key
 * maximum captured at backfill start. Each probe is one short statement of its own (no transaction spans the walk),
 * reading {@code batchSize + 1} entries of the key's index.
 */
@ApplicationScoped
public class RangeBoundaryProbe {
    private final Pool pool;

    public RangeBoundaryProbe(Pool pool) {
        this.pool = pool;
    }

    /** The first key of the range after the one starting at {@code lower}; empty when that range is the last. */
    public Uni<Optional<List<String>>> followingLower(
            MigrationPlan plan, List<String> lower, List<String> keyMax, int rangeSize) {
        KeysetSql keyset = new KeysetSql(qualified(plan.schema(), plan.table()), plan.key());
        Tuple bounds = Tuple.tuple();
        lower.forEach(bounds::addString);
        keyMax.forEach(bounds::addString);
        return pool.preparedQuery(keyset.nextLowerBound(rangeSize))
                .execute(bounds)
                .map(rows -> Optional.ofNullable(KeySpan.key(rows)));
    }
}
