package dev.colshift.planner.control;

/** What the operator wants of a migration, recorded beside its phase; the driver moves the phase toward it. */
public enum DesiredState {
    RUN,
    PAUSE,
    CANCEL,
    ROLLBACK,
    /**
     * The rollback of a failure, which undoes everything but the column itself once it was announced available: the
     * application may already write it, and colshift never drops a column under a running application by itself. An
     * operator's rollback request removes the column too.
     */
    ROLLBACK_KEEPING_COLUMN
}
