package dev.colshift.planner.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * One step of a plan. The id ({@code add_not_null_check:public.users:last_login}) is deterministic and is the step's
 * idempotency key in the ledger.
 *
 * @param statements   run together: in one transaction, or one after another outside any (see {@link #execution()})
 * @param lock         the strongest table lock the step takes
 * @param scansTable   whether the step reads every row (while holding only {@link #lock()})
 * @param createsIndex for a concurrent index build, the index it creates ({@code "schema"."name"}), so an INVALID
 *                     leftover can be recognised; null otherwise
 * @param undo         how to take the step back, or null when there is nothing to undo
 * @param observed     what the rehearsal saw PostgreSQL do for this step; null until rehearsed
 * @param milestones   what the step's success lets the application rely on, announced with it (e.g. {@link
 *                     Phase#COLUMN_AVAILABLE})
 * @param estimate     how long it should take on the live table; null until rehearsed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanStep(
        String id,
        Phase phase,
        String purpose,
        List<String> statements,
        LockLevel lock,
        boolean scansTable,
        Execution execution,
        String createsIndex,
        Undo undo,
        Observation observed,
        List<Phase> milestones,
        Estimate estimate) {

    public PlanStep {
        statements = List.copyOf(statements);
        execution = execution == null ? Execution.IN_TRANSACTION : execution;
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** A step run in one transaction under the lock timeout. */
    public static PlanStep inTransaction(
            String id, Phase phase, String purpose, List<String> statements, LockLevel lock, boolean scansTable) {
        return new PlanStep(
                id,
                phase,
                purpose,
                statements,
                lock,
                scansTable,
                Execution.IN_TRANSACTION,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * {@code CREATE [UNIQUE] INDEX CONCURRENTLY}: outside a transaction, reads and writes go on; undone (and an
     * INVALID leftover removed) by {@code DROP INDEX CONCURRENTLY}.
     */
    public static PlanStep concurrentIndex(String id, Phase phase, String purpose, String create, String index) {
        return new PlanStep(
                id,
                phase,
                purpose,
                List.of(create),
                LockLevel.SHARE_UPDATE_EXCLUSIVE,
                true,
                Execution.OUTSIDE_TRANSACTION,
                index,
                new Undo(
                        "drop the index",
                        List.of("DROP INDEX CONCURRENTLY IF EXISTS " + index),
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        Execution.OUTSIDE_TRANSACTION),
                null,
                null,
                null);
    }

    public PlanStep undoneBy(Undo how) {
        return new PlanStep(
                id,
                phase,
                purpose,
                statements,
                lock,
                scansTable,
                execution,
                createsIndex,
                how,
                observed,
                milestones,
                estimate);
    }

    public PlanStep withObservation(Observation seen) {
        return new PlanStep(
                id,
                phase,
                purpose,
                statements,
                lock,
                scansTable,
                execution,
                createsIndex,
                undo,
                seen,
                milestones,
                estimate);
    }

    public PlanStep withLock(LockLevel taken) {
        return new PlanStep(
                id,
                phase,
                purpose,
                statements,
                taken,
                scansTable,
                execution,
                createsIndex,
                undo,
                observed,
                milestones,
                estimate);
    }

    public PlanStep announcing(List<Phase> reached) {
        return new PlanStep(
                id,
                phase,
                purpose,
                statements,
                lock,
                scansTable,
                execution,
                createsIndex,
                undo,
                observed,
                reached,
                estimate);
    }

    public PlanStep estimated(Estimate how) {
        return new PlanStep(
                id,
                phase,
                purpose,
                statements,
                lock,
                scansTable,
                execution,
                createsIndex,
                undo,
                observed,
                milestones,
                how);
    }
}
