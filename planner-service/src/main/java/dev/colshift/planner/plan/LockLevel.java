package dev.colshift.planner.plan;

import java.util.List;

/** The strongest table lock a step takes, named as in the PostgreSQL documentation's lock table. */
public enum LockLevel {
    NONE(List.of()),
    ROW_EXCLUSIVE(List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock")),
    SHARE_UPDATE_EXCLUSIVE(List.of(
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock")),
    SHARE_ROW_EXCLUSIVE(List.of(
            "RowExclusiveLock",
            "ShareUpdateExclusiveLock",
            "ShareLock",
            "ShareRowExclusiveLock",
            "ExclusiveLock",
            "AccessExclusiveLock")),
    ACCESS_EXCLUSIVE(List.of(
            "AccessShareLock",
            "RowShareLock",
            "RowExclusiveLock",
            "ShareUpdateExclusiveLock",
            "ShareLock",
            "ShareRowExclusiveLock",
            "ExclusiveLock",
            "AccessExclusiveLock"));

    private final List<String> conflictingModes;

    LockLevel(List<String> conflictingModes) {
        this.conflictingModes = conflictingModes;
    }

    /** The {@code pg_locks.mode} values held by others that this lock must wait for (PostgreSQL's conflict table). */
    public List<String> conflictingModes() {
        return conflictingModes;
    }
}
