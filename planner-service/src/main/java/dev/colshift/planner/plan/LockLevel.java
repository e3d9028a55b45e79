package dev.colshift.planner.plan;

import java.util.Arrays;
import java.util.List;

/**
 * A table lock mode, named as in the PostgreSQL documentation's lock table, weakest first (so {@code compareTo} says
 * which is stronger). Each knows the modes held by others that it must wait for.
 */
public enum LockLevel {
    NONE(null, List.of()),
    ACCESS_SHARE("AccessShareLock", List.of("AccessExclusiveLock")),
    ROW_SHARE("RowShareLock", List.of("ExclusiveLock", "AccessExclusiveLock")),
    ROW_EXCLUSIVE(
            "RowExclusiveLock", List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock")),
    SHARE_UPDATE_EXCLUSIVE(
            "ShareUpdateExclusiveLock",
            List.of(
                    "ShareUpdateExclusiveLock",
                    "ShareLock",
                    "ShareRowExclusiveLock",
                    "ExclusiveLock",
                    "AccessExclusiveLock")),
    SHARE(
            "ShareLock",
            List.of(
                    "RowExclusiveLock",
                    "ShareUpdateExclusiveLock",
                    "ShareRowExclusiveLock",
                    "ExclusiveLock",
                    "AccessExclusiveLock")),
    SHARE_ROW_EXCLUSIVE(
            "ShareRowExclusiveLock",
            List.of(
                    "RowExclusiveLock",
                    "ShareUpdateExclusiveLock",
                    "ShareLock",
                    "ShareRowExclusiveLock",
                    "ExclusiveLock",
                    "AccessExclusiveLock")),
    EXCLUSIVE(
            "ExclusiveLock",
            List.of(
                    "RowShareLock",
                    "RowExclusiveLock",
                    "ShareUpdateExclusiveLock",
                    "ShareLock",
                    "ShareRowExclusiveLock",
                    "ExclusiveLock",
                    "AccessExclusiveLock")),
    ACCESS_EXCLUSIVE(
            "AccessExclusiveLock",
            List.of(
                    "AccessShareLock",
                    "RowShareLock",
                    "RowExclusiveLock",
                    "ShareUpdateExclusiveLock",
                    "ShareLock",
                    "ShareRowExclusiveLock",
                    "ExclusiveLock",
                    "AccessExclusiveLock"));

    private final String mode;
    private final List<String> conflictingModes;

    LockLevel(String mode, List<String> conflictingModes) {
        this.mode = mode;
        this.conflictingModes = conflictingModes;
    }

    /** The {@code pg_locks.mode} values held by others that this lock must wait for (PostgreSQL's conflict table). */
    public List<String> conflictingModes() {
        return conflictingModes;
    }

    /** This lock as {@code pg_locks.mode} names it. */
    public String mode() {
        return mode;
    }

    /** The level of a {@code pg_locks.mode} value; NONE for a mode that is not a table lock mode. */
    public static LockLevel ofMode(String mode) {
        return Arrays.stream(values())
                .filter(l -> mode != null && mode.equals(l.mode))
                .findFirst()
                .orElse(NONE);
    }
}
