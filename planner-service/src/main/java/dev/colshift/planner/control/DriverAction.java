package dev.colshift.planner.control;

import dev.colshift.planner.plan.PlanStep;
import dev.colshift.schemas.Phase;

/** What the driver does next for a migration, as the decider chose it. Each action is safe to repeat. */
public sealed interface DriverAction {
    /** Runs one step of the plan (skipped by the step ledger if it is done already). */
    record RunStep(PlanStep step) implements DriverAction {}

    /** Runs the undo of one step that was done; keeping the column, only the undo of its helpers. */
    record RunUndo(PlanStep step, boolean keepColumn) implements DriverAction {
        public RunUndo(PlanStep step) {
            this(step, false);
        }
    }

    /** Captures the key span and records the ranges; enters BACKFILLING. */
    record StartBackfill() implements DriverAction {}

    /** Publishes the ranges (again, after a pause: the worker skips the ones the ledger has). */
    record PublishRanges() implements DriverAction {}

    record Transition(Phase from, Phase to, String detail) implements DriverAction {}

    /** Asks the verifier again: its answer did not come within the timeout. */
    record AskVerifier() implements DriverAction {}

    /** Nothing to do until something changes; the reason is shown to the operator. */
    record Wait(String reason) implements DriverAction {}

    /** The migration is over. */
    record Done() implements DriverAction {}
}
