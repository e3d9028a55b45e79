package dev.colshift.schemas;

/** Where a migration is. The names are wire values: add new ones, never rename. */
public enum Phase {
    ACCEPTED,
    EXPANDING,
    BACKFILLING,
    CONTRACTING,
    VERIFYING,
    VERIFIED,
    VERIFICATION_FAILED,
    COMPLETED,
    FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
