package dev.colshift.planner.plan;

/** The strongest table lock a step takes, named as in the PostgreSQL documentation's lock table. */
public enum LockLevel {
    NONE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE_ROW_EXCLUSIVE,
    ACCESS_EXCLUSIVE
}
