package dev.colshift.planner.api;

import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.db.MigrationRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Reads what a {@link MigrationView} shows beside the ledger record: the batch tally and the workers' throttle. */
@ApplicationScoped
public class MigrationViews {
    private final MigrationLedger ledger;

    public MigrationViews(MigrationLedger ledger) {
        this.ledger = ledger;
    }

    public Uni<MigrationView> of(MigrationRecord m) {
        return Uni.combine()
                .all()
                .unis(ledger.batchTally(m.id()), ledger.workerThrottle(m))
                .asTuple()
                .map(t ->
                        MigrationView.of(m, t.getItem1(), OffsetDateTime.now()).withThrottle(t.getItem2()));
    }
}
