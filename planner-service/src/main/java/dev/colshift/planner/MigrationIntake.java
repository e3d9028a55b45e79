package dev.colshift.planner;

import dev.colshift.planner.db.CatalogInspector;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.db.Rehearsal;
import dev.colshift.planner.plan.CatalogFacts;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.planner.plan.MigrationPlanner;
import dev.colshift.planner.spec.SpecLinter;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.planner.spec.TableName;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Accepts a spec from any channel: lint, read the catalog, rehearse, plan, and (unless it is a dry run) record the
 * migration and hand it to the driver. Until the ledger insert nothing in the target database has changed.
 */
@ApplicationScoped
public class MigrationIntake {
    private final CatalogInspector inspector;
    private final Rehearsal rehearsal;
    private final MigrationLedger ledger;
    private final MigrationDriver driver;
    private final PlannerConfig config;

    public MigrationIntake(
            CatalogInspector inspector,
            Rehearsal rehearsal,
            MigrationLedger ledger,
            MigrationDriver driver,
            PlannerConfig config) {
        this.inspector = inspector;
        this.rehearsal = rehearsal;
        this.ledger = ledger;
        this.driver = driver;
        this.config = config;
    }

    private static List<Event> accepted(MigrationPlan plan, String requestedBy) {
        return List.of(
                PhaseChanged.of(
                        plan.migrationId(),
                        Phase.ACCEPTED,
                        null,
                        plan.qualifiedName(),
                        plan.column(),
                        "requested by " + requestedBy,
                        null),
                AuditRecord.of(plan.migrationId(), requestedBy, "accept", "SUCCEEDED", null, null));
    }

    public Uni<MigrationPlan> submit(MigrationSpec spec, String requestedBy, boolean dryRun) {
        List<SpecProblem> problems = SpecLinter.lint(spec);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new SpecRejectedException(problems));
        }
        TableName table = TableName.parse(spec.table()).orElseThrow();
        return inspector
                .inspect(table, spec.column())
                .chain(target -> rehearsal
                        .canonicalType(target, spec)
                        .map(type -> new CatalogFacts(
                                target.schema(),
                                target.table(),
                                target.keyColumn(),
                                target.keyType(),
                                type,
                                target.serverVersionNum())))
                .map(facts -> MigrationPlanner.plan(
                        MigrationIds.next(Clock.systemUTC()), spec, facts, config.defaultBatchSize()))
                .call(plan -> dryRun
                        ? Uni.createFrom().voidItem()
                        : ledger.insert(spec, plan, requestedBy, accepted(plan, requestedBy))
                                .invoke(() -> driver.wake(plan.migrationId())));
    }
}
