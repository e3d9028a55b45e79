package dev.colshift.worker;

/** The migration left a phase in which ranges may run while a range waited or was filled: nothing to dead-letter. */
final class MigrationMovedOn extends RuntimeException {
    MigrationMovedOn() {
        super("migration no longer backfilling", null, false, false);
    }
}
