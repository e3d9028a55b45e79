package dev.colshift.planner;

import static dev.colshift.planner.spec.Identifiers.qualified;

import dev.colshift.planner.control.DriverAction;
import dev.colshift.planner.control.FaultInjection;
import dev.colshift.planner.control.MigrationDecider;
import dev.colshift.planner.control.Progress;
import dev.colshift.planner.db.DdlRunner;
import dev.colshift.planner.db.DriverLock;
import dev.colshift.planner.db.IntegerKeySpan;
import dev.colshift.planner.db.KeySpan;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.db.MigrationRecord;
import dev.colshift.planner.db.PgErrors;
import dev.colshift.planner.db.RangeBoundaryProbe;
import dev.colshift.planner.kafka.EventPublisher;
import dev.colshift.planner.kafka.OutboxRelay;
import dev.colshift.planner.plan.BatchSizing;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.planner.plan.PlanStep;
import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.BatchRanges;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.KeysetWalk;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Carries out what {@link MigrationDecider} decides, one action at a time, until the decider says wait or done. Every
 * action is safe to repeat, so the driver can be woken any number of times (by intake, progress events, the verifier,
 * the periodic tick, an operator's request or a restart) and a restarted planner simply carries on. Across planner
 * instances, {@link DriverLock} lets one drive a migration at a time; within one, a migration is advanced by one run at
 * a time.
 */
@ApplicationScoped
public class MigrationDriver {
    private static final Logger LOG = Logger.getLogger(MigrationDriver.class);
    /** Ranges in flight to the broker at once: enough to keep the producer's batches full, few enough to bound memory. */
    private static final int BATCH_PUBLISH_CONCURRENCY = 64;
    /**
     * Ranges walked or published per driver action: a round takes well under a second, so a pause or cancel waits
     * little, and the workers get their first ranges while the walk goes on.
     */
    private static final int RANGES_PER_ROUND = 200;
    /** An adaptive walk sizes its ranges from this many recently recorded ones. */
    private static final int RECENT_RANGES = 20;
    /** The fewest rows of an adaptive range: below that, a range's fixed costs dominate. */
    private static final int MIN_ADAPTIVE_RANGE = 100;
    /** An adaptive range holds at most this many times the default batch size. */
    private static final int ADAPTIVE_RANGE_GROWTH_LIMIT = 10;

    private final MigrationLedger ledger;
    private final DdlRunner ddl;
    private final DriverLock lock;
    private final OutboxRelay outbox;
    private final KeySpan keySpan;
    private final IntegerKeySpan integerSpan;
    private final RangeBoundaryProbe probe;
    private final EventPublisher events;
    private final PlannerConfig config;
    private final FaultInjection faults;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> wokenWhileRunning = ConcurrentHashMap.newKeySet();

    public MigrationDriver(
            MigrationLedger ledger,
            DdlRunner ddl,
            DriverLock lock,
            KeySpan keySpan,
            IntegerKeySpan integerSpan,
            RangeBoundaryProbe probe,
            EventPublisher events,
            OutboxRelay outbox,
            PlannerConfig config,
            FaultInjection faults) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.ddl = ddl;
        this.lock = lock;
        this.keySpan = keySpan;
        this.integerSpan = integerSpan;
        this.probe = probe;
        this.events = events;
        this.config = config;
        this.faults = faults;
    }

    /** Advances the migration in the background; a wake during a run makes the run go round once more. */
    public void wake(String migrationId) {
        if (!running.add(migrationId)) {
            wokenWhileRunning.add(migrationId);
            return;
        }
        lock.whileHolding(migrationId, fence -> advance(migrationId, fence))
                .onTermination()
                .invoke(() -> {
                    running.remove(migrationId);
                    if (wokenWhileRunning.remove(migrationId)) {
                        wake(migrationId);
                    }
                })
                .subscribe()
                .with(ignored -> {}, e -> LOG.warnf(e, "migration %s: will retry on the next tick", migrationId));
    }

    private Uni<Void> advance(String migrationId, DriverLock.Fence fence) {
        return fence.check()
                .chain(() -> ledger.find(migrationId))
                .chain(m -> m == null
                        ? Uni.createFrom().item(false)
                        : Uni.combine()
                                .all()
                                .unis(
                                        ledger.stepsDone(migrationId),
                                        ledger.batchTally(migrationId),
                                        m.phase() == Phase.BACKFILLING
                                                ? ledger.deadRanges(migrationId)
                                                : Uni.createFrom().item(List.<MigrationLedger.DeadRange>of()))
                                .asTuple()
                                .chain(t -> {
                                    Progress done = new Progress(
                                            t.getItem1(),
                                            t.getItem2().batches(),
                                            t.getItem2().rows(),
                                            held(t.getItem3()));
                                    return carryOut(
                                            m, MigrationDecider.decide(m, done, Instant.now(), config.verifyTimeout()));
                                }))
                .chain(progressed -> progressed
                        ? advance(migrationId, fence)
                        : Uni.createFrom().voidItem());
    }

    private static Progress.DeadRanges held(List<MigrationLedger.DeadRange> dead) {
        return dead.isEmpty()
                ? Progress.DeadRanges.NONE
                : new Progress.DeadRanges(
                        dead.size(), dead.get(0).rangeId(), dead.get(0).reason());
    }

    /** Does the action; emits whether the migration moved, so the caller can decide again. */
    private Uni<Boolean> carryOut(MigrationRecord m, DriverAction action) {
        Uni<Boolean> next;
        if (action instanceof DriverAction.RunStep run) {
            next = runStep(m, run.step());
        } else if (action instanceof DriverAction.RunUndo undo) {
            next = runUndo(m, undo.step(), undo.keepColumn());
        } else if (action instanceof DriverAction.StartBackfill) {
            next = startBackfill(m).invoke(() -> faults.point("after-transition:BACKFILLING"));
        } else if (action instanceof DriverAction.PublishRanges) {
            next = publishRanges(m);
        } else if (action instanceof DriverAction.Transition t) {
            next = move(m, t.from(), t.to(), t.detail()).invoke(() -> faults.point("after-transition:" + t.to()));
        } else if (action instanceof DriverAction.AskVerifier) {
            next = askVerifier(m);
        } else if (action instanceof DriverAction.Wait wait) {
            next = ledger.waitingFor(m.id(), wait.reason()).replaceWith(false);
        } else {
            next = Uni.createFrom().item(false);
        }
        return next.onFailure(PgErrors::endsMigration).recoverWithUni(e -> fail(m, e.getMessage()));
    }

    private Uni<Boolean> runStep(MigrationRecord m, PlanStep step) {
        String action = step.id().substring(0, step.id().indexOf(':'));
        List<Event> milestones = step.milestones().stream()
                .map(reached -> (Event) phaseEvent(m, reached, m.phase(), reached.applicationMay()))
                .toList();
        faults.point("before:" + action);
        return ddl.run(m.id(), qualified(m.plan().schema(), m.plan().table()), step, milestones)
                .invoke(attempts -> outbox.flush())
                .invoke(() -> faults.point("after:" + action))
                .replaceWith(true);
    }

    private Uni<Boolean> runUndo(MigrationRecord m, PlanStep step, boolean keepColumn) {
        PlanStep undo = new PlanStep(
                keepColumn ? Progress.helpersUndoId(step.id()) : Progress.undoId(step.id()),
                Phase.ROLLING_BACK,
                step.undo().purpose() + (keepColumn ? " (keeping the column)" : ""),
                keepColumn ? step.undo().withoutColumn() : step.undo().statements(),
                step.undo().lock(),
                false,
                step.undo().execution(),
                null,
                null,
                null,
                null,
                null);
        return ddl.run(m.id(), qualified(m.plan().schema(), m.plan().table()), undo)
                .invoke(attempts -> outbox.flush())
                .replaceWith(true);
    }

    private Uni<Boolean> startBackfill(MigrationRecord m) {
        if (!m.keysetRanges()) {
            return startIntegerBackfill(m);
        }
        return keySpan.capture(m.plan()).chain(span -> {
            String detail = span.empty()
                    ? "the table is empty: no ranges"
                    : "ranges of " + m.plan().batchSize() + " keys from " + span.min() + " to " + span.max()
                            + ", walked as they are published";
            return ledger.startBackfill(
                            m.id(),
                            span.min(),
                            span.max(),
                            span.rowsEstimate(),
                            List.of(phaseEvent(m, Phase.BACKFILLING, Phase.EXPANDING, detail)))
                    .invoke(outbox::flush);
        });
    }

    /**
     * One round of publishing keyset ranges: the next stored ranges not yet published since the backfill (re)started
     * (a worker skips a range the batch ledger has done), else the walk's next ranges, stored before they are
     * published, else the note that all are published. Each round is short and safe to repeat, so a pause is honoured between rounds
     * and a restarted planner carries on from what the ledger has.
     */
    private Uni<Boolean> publishRanges(MigrationRecord m) {
        faults.point("publishing-ranges");
        if (!m.keysetRanges()) {
            return publishIntegerRanges(m);
        }
        return ledger.storedRanges(m.id(), m.rangesPublishedBelow(), RANGES_PER_ROUND)
                .chain(stored -> {
                    if (!stored.isEmpty()) {
                        long below = stored.get(stored.size() - 1).rangeId() + 1;
                        return publish(m, stored)
                                .chain(() -> ledger.markPublishedBelow(m.id(), below))
                                .replaceWith(true);
                    }
                    if (!m.rangesWalked()) {
                        return ledger.lastStoredRange(m.id()).chain(last -> walkRound(m, last));
                    }
                    return ledger.markBatchesPublished(m.id()).replaceWith(true);
                });
    }

    /**
     * One round of the walk. A range size the request fixed, or no target batch time: {@link #RANGES_PER_ROUND} ranges
     * of the plan's size. Otherwise the walk keeps at most {@code ranges-ahead} ranges ahead of the batch ledger (emits
     * false, to be woken by the workers' progress, while that many wait) and sizes the round's ranges from the recorded
     * ones' times.
     */
    private Uni<Boolean> walkRound(MigrationRecord m, KeyRange last) {
        if (m.spec().batchSize() != null || config.targetBatchTime().isEmpty()) {
            return walk(m, last, RANGES_PER_ROUND, m.plan().batchSize()).replaceWith(true);
        }
        BatchSizing sizing = new BatchSizing(
                config.targetBatchTime().get(),
                MIN_ADAPTIVE_RANGE,
                Math.max(
                        MIN_ADAPTIVE_RANGE,
                        ADAPTIVE_RANGE_GROWTH_LIMIT * m.plan().batchSize()));
        return ledger.walkWindow(m.id(), RECENT_RANGES).chain(window -> {
            long room = config.rangesAhead() - window.outstanding();
            if (room <= 0) {
                return Uni.createFrom().item(false);
            }
            int current = window.walkBatchSize() == null ? m.plan().batchSize() : window.walkBatchSize();
            int size = sizing.next(current, window.recent());
            Uni<Void> recorded = size == current && window.walkBatchSize() != null
                    ? Uni.createFrom().voidItem()
                    : ledger.walkBatchSize(m.id(), size);
            return recorded.chain(() -> walk(m, last, (int) Math.min(room, RANGES_PER_ROUND), size))
                    .replaceWith(true);
        });
    }

    /** Stores up to {@code count} more ranges of the walk after {@code previous}; notes the end when reached. */
    private Uni<Void> walk(MigrationRecord m, KeyRange previous, int count, int size) {
        if (KeysetWalk.finished(previous)) {
            return ledger.finishWalk(m.id(), previous.rangeId() + 1);
        }
        if (count == 0) {
            return Uni.createFrom().voidItem();
        }
        List<String> lower = KeysetWalk.nextLower(previous, m.keyMin());
        return probe.followingLower(m.plan(), lower, m.keyMax(), size)
                .map(following -> KeysetWalk.range(previous, lower, following, m.keyMax()))
                .call(range -> ledger.storeRange(m.id(), range))
                .chain(range -> walk(m, range, count - 1, size));
    }

    private Uni<Void> publish(MigrationRecord m, List<KeyRange> ranges) {
        if (ranges.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom()
                .iterable(ranges)
                .onItem()
                .transformToUni(
                        r -> events.batch(BackfillBatch.of(m.id(), m.plan().key(), r)))
                .merge(BATCH_PUBLISH_CONCURRENCY)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** A migration planned before keyset ranges: its single integer key span, split arithmetically. */
    private Uni<Boolean> startIntegerBackfill(MigrationRecord m) {
        MigrationPlan plan = m.plan();
        return integerSpan.capture(plan).chain(span -> {
            long batches;
            try {
                batches = span.empty() ? 0 : new BatchRanges(span.min(), span.max(), plan.batchSize()).count();
            } catch (IllegalArgumentException e) {
                return fail(m, e.getMessage());
            }
            String detail = batches + " ranges of " + plan.batchSize() + " keys";
            return ledger.startIntegerBackfill(
                            m.id(),
                            span.min(),
                            span.max(),
                            batches,
                            span.rowsEstimate(),
                            List.of(phaseEvent(m, Phase.BACKFILLING, Phase.EXPANDING, detail)))
                    .invoke(outbox::flush);
        });
    }

    private Uni<Boolean> publishIntegerRanges(MigrationRecord m) {
        Uni<Void> published = m.batchesTotal() == null || m.batchesTotal() == 0
                ? Uni.createFrom().voidItem()
                : Multi.createFrom()
                        .iterable(new BatchRanges(
                                m.rangeLower(), m.rangeUpper(), m.plan().batchSize()))
                        .onItem()
                        .transformToUni(r ->
                                events.batch(BackfillBatch.of(m.id(), r.rangeId(), r.lowerBound(), r.upperBound())))
                        .merge(BATCH_PUBLISH_CONCURRENCY)
                        .collect()
                        .last()
                        .replaceWithVoid();
        return published.chain(() -> ledger.markBatchesPublished(m.id())).replaceWith(true);
    }

    private Uni<Boolean> askVerifier(MigrationRecord m) {
        return ledger.markVerifyRequested(
                        m.id(),
                        List.of(phaseEvent(m, Phase.VERIFYING, Phase.CONTRACTING, "verification requested again")))
                .invoke(outbox::flush)
                .replaceWith(false);
    }

    /** Records the verifier's verdict: COMPLETED when every check passed, FAILED otherwise. */
    public Uni<Void> finishVerification(PhaseChanged verdict) {
        boolean passed = verdict.phase() == Phase.VERIFIED;
        List<CheckResult> checks = verdict.checks() == null ? List.of() : verdict.checks();
        Phase outcome = passed ? Phase.COMPLETED : Phase.FAILED;
        PhaseChanged end = PhaseChanged.of(
                verdict.migrationId(),
                outcome,
                Phase.VERIFYING,
                verdict.table(),
                verdict.column(),
                verdict.detail(),
                checks);
        return ledger.finishVerification(
                        verdict.migrationId(),
                        passed,
                        EventCodec.mapper().valueToTree(checks).toString(),
                        verdict.detail(),
                        List.of(end))
                .invoke(outbox::flush)
                .replaceWithVoid();
    }

    /**
     * A worker gave up on a range. If it is a range the migration planned and has not recorded, the migration holds it
     * for a redrive (or fails, as {@link PlannerConfig#deadRanges()} says); a forged or stale dead letter changes
     * nothing.
     */
    public Uni<Void> onDeadRange(BackfillBatch batch, String batchJson, String reason) {
        return ledger.find(batch.migrationId())
                .chain(m -> plannedRange(m, batch).chain(planned -> {
                    if (!planned) {
                        LOG.infof(
                                "dead letter for %s range %d ignored: %s",
                                batch.migrationId(), batch.rangeId(), reason);
                        return Uni.createFrom().voidItem();
                    }
                    String why = batch.describe() + " cannot be backfilled: " + reason;
                    if (config.deadRanges() == PlannerConfig.DeadRangePolicy.HOLD) {
                        LOG.warnf("migration %s holds for a redrive: %s", m.id(), why);
                        return ledger.holdDeadRange(m.id(), batch.rangeId(), batchJson, reason)
                                .invoke(() -> wake(m.id()))
                                .replaceWithVoid();
                    }
                    return ledger.batchRecorded(m.id(), batch.rangeId())
                            .chain(recorded -> recorded
                                    ? Uni.createFrom().voidItem()
                                    : fail(m, why).replaceWithVoid());
                }));
    }

    /**
     * Publishes the held ranges again, after the operator fixed what made them fail; emits the range ids. A range that
     * fails again is held again.
     */
    public Uni<List<Long>> redrive(MigrationRecord m, String requester) {
        return ledger.deadRanges(m.id()).chain(dead -> {
            List<Long> ids =
                    dead.stream().map(MigrationLedger.DeadRange::rangeId).toList();
            if (dead.isEmpty()) {
                return Uni.createFrom().item(ids);
            }
            return Multi.createFrom()
                    .iterable(dead)
                    .onItem()
                    .transformToUniAndConcatenate(
                            d -> events.batch(EventCodec.decode(d.batchJson(), BackfillBatch.class)))
                    .collect()
                    .last()
                    .chain(() -> ledger.markRedriven(m.id(), ids, requester))
                    .invoke(() -> wake(m.id()))
                    .replaceWith(ids);
        });
    }

    /** Whether the message names a range this backfilling migration planned (stored, or split arithmetically). */
    private Uni<Boolean> plannedRange(MigrationRecord m, BackfillBatch batch) {
        if (m == null || m.phase() != Phase.BACKFILLING) {
            return Uni.createFrom().item(false);
        }
        if (!m.keysetRanges()) {
            return Uni.createFrom()
                    .item(m.rangeLower() != null
                            && batch.integerBounds()
                            && new BatchRanges(
                                                    m.rangeLower(),
                                                    m.rangeUpper(),
                                                    m.plan().batchSize())
                                            .problemWith(batch.rangeId(), batch.lowerBound(), batch.upperBound())
                                    == null);
        }
        return ledger.storedRange(m.id(), batch.rangeId()).map(stored -> KeysetWalk.problemWith(stored, batch) == null);
    }

    private Uni<Boolean> move(MigrationRecord m, Phase from, Phase to, String detail, Event... alsoAnnounce) {
        List<Event> announce = new ArrayList<>();
        announce.add(phaseEvent(m, to, from, detail));
        if (from == Phase.BACKFILLING && to == Phase.CONTRACTING) {
            announce.add(phaseEvent(
                    m, Phase.BACKFILL_COMPLETE, Phase.BACKFILLING, Phase.BACKFILL_COMPLETE.applicationMay()));
        }
        announce.addAll(List.of(alsoAnnounce));
        return ledger.transition(m.id(), from, to, detail, announce).invoke(outbox::flush);
    }

    /**
     * Ends the migration with the reason: rolled back first when so configured (everything but a column the
     * application may already use; it then ends FAILED saying what it kept), otherwise FAILED at once with what it left
     * behind and how to remove it.
     */
    private Uni<Boolean> fail(MigrationRecord m, String reason) {
        LOG.errorf("migration %s failed in %s: %s", m.id(), m.phase(), reason);
        String failure = m.phase() + ": " + reason;
        AuditRecord audit = AuditRecord.of(
                m.id(),
                "planner",
                "fail",
                "FAILED",
                null,
                List.of(CheckResult.fail(m.phase().name(), reason)));
        if (m.phase() == Phase.ROLLING_BACK) {
            return move(m, Phase.ROLLING_BACK, Phase.FAILED, "rollback failed: " + reason, audit)
                    .replaceWith(false);
        }
        if (config.rollbackOnFailure()) {
            return ledger.failIntoRollback(
                            m.id(),
                            m.phase(),
                            failure,
                            List.of(phaseEvent(m, Phase.ROLLING_BACK, m.phase(), failure + "; rolling back"), audit))
                    .invoke(outbox::flush);
        }
        return move(m, m.phase(), Phase.FAILED, failure + "; " + LeftBehind.describe(m), audit)
                .replaceWith(false);
    }

    private static PhaseChanged phaseEvent(MigrationRecord m, Phase phase, Phase previous, String detail) {
        return PhaseChanged.of(
                m.id(), phase, previous, m.plan().qualifiedName(), m.plan().column(), detail, null);
    }
}
