package dev.colshift.planner;

import dev.colshift.planner.db.MigrationLedger;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Wakes every unfinished migration periodically: the safety net for lost events and the resume after a restart. */
@ApplicationScoped
public class DriverTick {
    private final MigrationLedger ledger;
    private final MigrationDriver driver;

    public DriverTick(MigrationLedger ledger, MigrationDriver driver) {
        this.ledger = ledger;
        this.driver = driver;
    }

    @Scheduled(every = "${colshift.planner.tick-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return ledger.unfinishedIds()
                .invoke(ids -> ids.forEach(driver::wake))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }
}
