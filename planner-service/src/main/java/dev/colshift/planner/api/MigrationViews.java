package dev.colshift.planner.api;

import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.db.MigrationRecord;
import dev.colshift.planner.db.ReplicaLag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reads what a {@link MigrationView} shows beside the ledger record: the batch tally, the workers' throttle and, for a
 * migration still running, the replicas' lag.
 */
@ApplicationScoped
public class MigrationViews {
    private final MigrationLedger ledger;

    public MigrationViews(MigrationLedger ledger) {
        this.ledger = ledger;
    }

    public Uni<MigrationView> of(MigrationRecord m) {
        Uni<List<ReplicaLag>> replicas = m.phase().terminal() ? Uni.createFrom().nullItem() : ledger.replicaLag();
        return Uni.combine()
                .all()
                .unis(ledger.batchTally(m.id()), ledger.workerThrottle(m), replicas)
                .asTuple()
                .map(t -> MigrationView.of(m, t.getItem1(), OffsetDateTime.now())
                        .withWorkers(t.getItem2(), t.getItem3()));
    }
}
