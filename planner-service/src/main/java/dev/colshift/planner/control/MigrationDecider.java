package dev.colshift.planner.control;

import dev.colshift.planner.control.DriverAction.AskVerifier;
import dev.colshift.planner.control.DriverAction.Done;
import dev.colshift.planner.control.DriverAction.PublishRanges;
import dev.colshift.planner.control.DriverAction.RunStep;
import dev.colshift.planner.control.DriverAction.RunUndo;
import dev.colshift.planner.control.DriverAction.StartBackfill;
import dev.colshift.planner.control.DriverAction.Transition;
import dev.colshift.planner.control.DriverAction.Wait;
import dev.colshift.planner.db.MigrationRecord;
import dev.colshift.planner.plan.Execution;
import dev.colshift.planner.plan.LockLevel;
import dev.colshift.planner.plan.PlanStep;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a migration needs next from its ledger record and progress alone: pure, so every rule is a row in a
 * table-driven test, and the driver only carries the action out. The operator's wish ({@link DesiredState}) is
 * honoured between steps, which is where a migration is always consistent.
 */
public final class MigrationDecider {
    private MigrationDecider() {}

    public static DriverAction decide(MigrationRecord m, Progress done, Instant now, Duration verifyTimeout) {
        Phase phase = m.phase();
        DesiredState wanted = m.desired();
        if (phase == Phase.ROLLED_BACK || phase == Phase.REJECTED) {
            return new Done();
        }
        boolean rollingBack = wanted == DesiredState.ROLLBACK || wanted == DesiredState.ROLLBACK_KEEPING_COLUMN;
        if (rollingBack && phase != Phase.ROLLING_BACK) {
            return PhaseTransitions.allowed(phase, Phase.ROLLING_BACK)
                    ? new Transition(phase, Phase.ROLLING_BACK, "rollback requested in " + phase)
                    : new Done();
        }
        if (phase == Phase.ROLLING_BACK) {
            boolean keepColumn = wanted == DesiredState.ROLLBACK_KEEPING_COLUMN;
            return nextToUndo(m, done, keepColumn)
                    .orElseGet(() -> keepColumn
                            ? new Transition(Phase.ROLLING_BACK, Phase.FAILED, m.failure() + keptColumn(m, done))
                            : new Transition(
                                    Phase.ROLLING_BACK,
                                    Phase.ROLLED_BACK,
                                    (m.failure() == null ? "" : m.failure() + "; ")
                                            + "rolled back: everything the migration added is gone"));
        }
        if (phase.terminal()) {
            return new Done();
        }
        if (wanted == DesiredState.CANCEL) {
            return new Transition(phase, Phase.CANCELLED, "cancelled on request in " + phase);
        }
        if (wanted == DesiredState.PAUSE) {
            return phase == Phase.PAUSED
                    ? new Wait("paused on request")
                    : new Transition(phase, Phase.PAUSED, "paused on request in " + phase);
        }
        if (phase == Phase.PAUSED) {
            Phase resumeTo = m.pausedFrom() == null ? Phase.ACCEPTED : m.pausedFrom();
            return new Transition(Phase.PAUSED, resumeTo, "resumed in " + resumeTo);
        }
        return switch (phase) {
            case ACCEPTED -> new Transition(Phase.ACCEPTED, Phase.EXPANDING, null);
            case EXPANDING ->
                nextStep(m, Phase.EXPANDING, done, now)
                        .orElseGet(() -> m.plan().backfillStatement() == null
                                ? new Transition(
                                        Phase.EXPANDING,
                                        Phase.CONTRACTING,
                                        "no backfill needed: existing rows have their value")
                                : windowClosed(m, now, true)
                                        .<DriverAction>map(Wait::new)
                                        .orElse(new StartBackfill()));
            case BACKFILLING -> {
                if (!m.batchesPublished()) {
                    yield new PublishRanges();
                }
                long total = m.batchesTotal() == null ? 0 : m.batchesTotal();
                if (done.batchesDone() >= total) {
                    yield new Transition(Phase.BACKFILLING, Phase.CONTRACTING, done.rowsDone() + " rows backfilled");
                }
                String backfilling = "backfilling: " + done.batchesDone() + " of " + total + " ranges done";
                Progress.DeadRanges dead = done.deadRanges();
                yield new Wait(
                        dead.count() == 0
                                ? backfilling
                                : backfilling + "; " + dead.count() + " dead-lettered (range " + dead.firstRangeId()
                                        + ": " + dead.firstReason() + "): fix the cause, then POST /migrations/"
                                        + m.id() + "/redrive, or roll back");
            }
            case CONTRACTING ->
                nextStep(m, Phase.CONTRACTING, done, now)
                        .orElseGet(() -> new Transition(Phase.CONTRACTING, Phase.VERIFYING, null));
            case VERIFYING ->
                m.verifyRequestedAt() != null
                                && m.verifyRequestedAt()
                                        .toInstant()
                                        .plus(verifyTimeout)
                                        .isAfter(now)
                        ? new Wait("waiting for the verifier")
                        : new AskVerifier();
            default -> new Done();
        };
    }

    /** The first step of the phase the ledger does not have, or a wait for its maintenance window. */
    private static Optional<DriverAction> nextStep(MigrationRecord m, Phase phase, Progress done, Instant now) {
        return m.plan().steps(phase).stream()
                .filter(step -> !done.stepsDone().contains(step.id()))
                .findFirst()
                .map(step -> step.lock() == LockLevel.ACCESS_EXCLUSIVE
                        ? windowClosed(m, now, false)
                                .<DriverAction>map(Wait::new)
                                .orElse(new RunStep(step))
                        : new RunStep(step));
    }

    /**
     * The step to take back next, latest first: a step the ledger has and whose undo it has not; and any concurrent
     * index build, done or not, since an interrupted one leaves an INVALID index (its undo is {@code IF EXISTS}).
     */
    private static Optional<DriverAction> nextToUndo(MigrationRecord m, Progress done, boolean keepColumn) {
        List<PlanStep> steps = m.plan().steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            PlanStep step = steps.get(i);
            boolean ran = done.stepsDone().contains(step.id()) || step.execution() == Execution.OUTSIDE_TRANSACTION;
            if (!ran || step.undo() == null) {
                continue;
            }
            if (keepColumn && step.milestones().contains(Phase.COLUMN_AVAILABLE)) {
                if (!step.undo().withoutColumn().isEmpty()
                        && !done.stepsDone().contains(Progress.helpersUndoId(step.id()))) {
                    return Optional.of(new RunUndo(step, true));
                }
                continue;
            }
            if (!done.stepsDone().contains(Progress.undoId(step.id()))) {
                return Optional.of(new RunUndo(step));
            }
        }
        return Optional.empty();
    }

    /** What a failure's rollback says it left: the column, if the application could already use it. */
    private static String keptColumn(MigrationRecord m, Progress done) {
        boolean columnAdded = m.plan().steps().stream()
                .anyMatch(step -> step.milestones().contains(Phase.COLUMN_AVAILABLE)
                        && done.stepsDone().contains(step.id()));
        return columnAdded
                ? "; rolled back except the column " + m.plan().column() + ", which the application may already use:"
                        + " POST /migrations/" + m.id() + "/rollback removes it"
                : "; rolled back: the table's definition is as it was";
    }

    /** Why a step must wait: every maintenance window the request names is closed now. */
    static Optional<String> windowClosed(MigrationRecord m, Instant now, boolean forBackfill) {
        MigrationSpec spec = m.spec();
        if (spec.maintenanceWindows() == null || spec.maintenanceWindows().isEmpty()) {
            return Optional.empty();
        }
        if (forBackfill && !Boolean.TRUE.equals(spec.windowsCoverBackfill())) {
            return Optional.empty();
        }
        List<MaintenanceWindow> windows = spec.maintenanceWindows().stream()
                .map(w -> MaintenanceWindow.of(w.start(), w.end(), w.timeZone(), w.days()))
                .toList();
        if (windows.stream().anyMatch(w -> w.isOpen(now))) {
            return Optional.empty();
        }
        Instant opens = windows.stream()
                .map(w -> w.nextOpening(now))
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return Optional.of("waiting for the maintenance window opening at " + opens);
    }
}
