package dev.colshift.planner;

import dev.colshift.planner.db.CatalogInspector;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.db.Rehearsal;
import dev.colshift.planner.db.TableStatsReader;
import dev.colshift.planner.db.TargetTable;
import dev.colshift.planner.db.WatchQueryPlans;
import dev.colshift.planner.lint.Finding;
import dev.colshift.planner.lint.LintSubject;
import dev.colshift.planner.lint.Linter;
import dev.colshift.planner.lint.TableStats;
import dev.colshift.planner.plan.CatalogFacts;
import dev.colshift.planner.plan.CreatedObjects;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.planner.plan.MigrationPlanner;
import dev.colshift.planner.plan.PlanInput;
import dev.colshift.planner.plan.TableRef;
import dev.colshift.planner.spec.Identifiers;
import dev.colshift.planner.spec.SpecLinter;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.planner.spec.TableName;
import dev.colshift.planner.trace.MigrationTraces;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts a spec from any door: lint, read the catalog, probe the change on a copy, plan, rehearse the plan's steps on
 * a copy, and (unless it is a dry run) record the migration and hand it to the driver. Until the ledger insert
 * nothing in the target database has changed.
 */
@ApplicationScoped
public class MigrationIntake {
    private final CatalogInspector inspector;
    private final Rehearsal rehearsal;
    private final TableStatsReader stats;
    private final MigrationLedger ledger;
    private final MigrationDriver driver;
    private final WatchQueryPlans watchQueries;
    private final PlannerConfig config;
    private final MigrationTraces traces;

    public MigrationIntake(
            CatalogInspector inspector,
            Rehearsal rehearsal,
            TableStatsReader stats,
            MigrationLedger ledger,
            MigrationDriver driver,
            WatchQueryPlans watchQueries,
            PlannerConfig config,
            MigrationTraces traces) {
        this.inspector = inspector;
        this.stats = stats;
        this.rehearsal = rehearsal;
        this.ledger = ledger;
        this.driver = driver;
        this.watchQueries = watchQueries;
        this.config = config;
        this.traces = traces;
    }

    private static List<Event> accepted(MigrationPlan plan, Requester requester) {
        return List.of(
                PhaseChanged.of(
                                plan.migrationId(),
                                Phase.ACCEPTED,
                                null,
                                plan.qualifiedName(),
                                plan.column(),
                                "requested by " + requester.name(),
                                null)
                        .answering(requester.correlationId()),
                AuditRecord.of(plan.migrationId(), requester.name(), "accept", "SUCCEEDED", null, null));
    }

    public Uni<MigrationPlan> submit(MigrationSpec spec, String requestedBy, boolean dryRun) {
        return submitAll(List.of(spec), Requester.rest(requestedBy), dryRun, new ArrayList<>())
                .map(plans -> plans.get(0));
    }

    /**
     * Several columns from one request (an ALTER TABLE with several ADD COLUMN clauses): every one is planned and
     * rehearsed before any is recorded, so one refusal refuses them all and nothing changes.
     */
    public Uni<List<MigrationPlan>> submitAll(
            List<MigrationSpec> specs, Requester requester, boolean dryRun, List<String> notes) {
        Uni<List<MigrationPlan>> planned = Uni.createFrom().item(new ArrayList<>());
        List<MigrationSpec> kept = new ArrayList<>();
        for (MigrationSpec spec : specs) {
            planned = planned.chain(plans -> plan(spec)
                    .onFailure(e -> isExistingColumnToSkip(e, spec))
                    .recoverWithItem(() -> {
                        notes.add("column " + spec.column() + " already exists: ADD COLUMN IF NOT EXISTS has nothing"
                                + " to do");
                        return null;
                    })
                    .map(plan -> {
                        if (plan != null) {
                            plans.add(plan);
                            kept.add(spec);
                        }
                        return plans;
                    }));
        }
        return planned.call(plans -> {
            Uni<Void> recorded = Uni.createFrom().voidItem();
            if (dryRun) {
                return recorded;
            }
            for (int i = 0; i < plans.size(); i++) {
                MigrationPlan plan = plans.get(i);
                MigrationSpec spec = kept.get(i);
                recorded = recorded.chain(() -> ledger.insert(
                                spec,
                                plan,
                                requester.name(),
                                requester.requestId(),
                                traces.begin(plan.migrationId()),
                                accepted(plan, requester))
                        .invoke(inserted -> {
                            if (inserted) {
                                driver.wake(plan.migrationId());
                            }
                        })
                        .replaceWithVoid());
            }
            return recorded;
        });
    }

    private static boolean isExistingColumnToSkip(Throwable failure, MigrationSpec spec) {
        return Boolean.TRUE.equals(spec.ifNotExists())
                && failure instanceof SpecRejectedException rejected
                && rejected.problems().stream().anyMatch(p -> p instanceof SpecProblem.ColumnAlreadyExists);
    }

    /** The rehearsed plan for the spec; changes nothing. */
    public Uni<MigrationPlan> plan(MigrationSpec spec) {
        List<SpecProblem> problems = SpecLinter.lint(spec);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new SpecRejectedException(problems));
        }
        String id = MigrationIds.next(Clock.systemUTC());
        TableName table = TableName.parse(spec.table()).orElseThrow();
        Uni<TableRef> referenced =
                spec.references() == null ? Uni.createFrom().nullItem() : inspector.referenced(spec.references());
        return inspector
                .inspect(table, spec.column())
                .chain(target -> referenced
                        .map(ref -> facts(target, ref))
                        .chain(facts -> rehearsal
                                .probe(facts, spec, id)
                                .map(probed -> facts.withCanonicalType(probed.canonicalType())
                                        .withProbe(probed.probe())))
                        .chain(facts -> stats.read(Identifiers.qualified(facts.schema(), facts.table()))
                                .chain(tableStats -> planChecked(id, spec, target, facts, tableStats))));
    }

    private Uni<MigrationPlan> planChecked(
            String id, MigrationSpec spec, TargetTable target, CatalogFacts facts, TableStats tableStats) {
        PlanInput input = new PlanInput(id, spec, facts);
        List<Finding> findings = Linter.findings(new LintSubject(input, tableStats));
        List<SpecProblem> blocking = new ArrayList<>(Linter.blocking(findings, spec.allowHazards()));
        if (input.needsBackfill() && target.keyProblem() != null) {
            blocking.add(new SpecProblem.NoUsablePrimaryKey(
                    "table", target.schema() + "." + target.table(), target.keyProblem()));
        }
        if (!blocking.isEmpty()) {
            return Uni.createFrom().failure(new SpecRejectedException(blocking));
        }
        CreatedObjects created = CreatedObjects.of(input);
        MigrationPlan plan = MigrationPlanner.plan(id, spec, facts, config.defaultBatchSize())
                .withFindings(findings)
                .withLockTimeout(config.lockTimeout());
        return inspector
                .requireFree(facts.schema(), plan.qualifiedTableText(), created.relations(), created.constraints())
                .chain(() -> rehearsal.rehearse(plan, spec, facts, tableStats.rowsEstimate()))
                .chain(rehearsed -> watchQueries
                        .explain(spec.watchQueryList(), spec.column())
                        .map(rehearsed::withWatchQueries));
    }

    private static CatalogFacts facts(TargetTable target, TableRef referenced) {
        return new CatalogFacts(
                target.schema(), target.table(), target.key(), null, target.serverVersionNum(), null, referenced, null);
    }
}
