package dev.colshift.planner.lint;

/** How much a finding weighs. */
public enum Severity {
    /** Refused: the change cannot be made safely, or PostgreSQL would refuse it. */
    ERROR,
    /** Refused unless the request lists the rule id in {@code allowHazards}: it takes a long lock or rewrites. */
    HAZARD,
    /** Reported; does not block. */
    WARNING,
    /** Reported as handled: colshift turns the unsafe form into safe steps by itself. */
    INFO
}
