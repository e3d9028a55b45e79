package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * One step of a plan: statements that run together in one transaction under the lock timeout. The id
 * ({@code add_not_null_check:public.users:last_login}) is deterministic and is the step's idempotency key in the
 * ledger.
 *
 * @param scansTable whether the step reads every row (while holding only {@link #lock()})
 */
public record PlanStep(
        String id, Phase phase, String purpose, List<String> statements, LockLevel lock, boolean scansTable) {

    public PlanStep {
        statements = List.copyOf(statements);
    }
}
