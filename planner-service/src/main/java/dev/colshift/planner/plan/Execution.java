package dev.colshift.planner.plan;

/** How the executor runs a step. */
public enum Execution {
    /**
     * In one transaction under {@code lock_timeout}, retried while the lock is busy; the step's ledger and audit rows
     * commit with it, so it happens exactly once.
     */
    IN_TRANSACTION,
    /**
     * Outside any transaction block, as {@code CREATE INDEX CONCURRENTLY} must run. Such a step is idempotent: a
     * leftover of an interrupted attempt (an INVALID index) is removed by its undo before it runs again, and its
     * ledger row is written once it has succeeded.
     */
    OUTSIDE_TRANSACTION
}
