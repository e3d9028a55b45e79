package dev.colshift.planner.control;

/** What the operator wants of a migration, recorded beside its phase; the driver moves the phase toward it. */
public enum DesiredState {
    RUN,
    PAUSE,
    CANCEL,
    ROLLBACK
}
