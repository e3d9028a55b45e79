package dev.colshift.schemas;

import java.util.List;
import java.util.Map;

/**
 * What a PostgreSQL error (its SQLSTATE) means for whoever ran the statement, one table for every service. A lock
 * held by the application is a wait, not a failure; a lost connection or a restarting server is passing; a statement
 * that ran into its own timeout may succeed smaller or later; anything else is PostgreSQL's answer about the data or
 * the statement, and repeating it changes nothing.
 */
public enum PgErrorClass {
    /** 55P03 lock_not_available: {@code lock_timeout} expired behind someone else's lock. Wait and try again. */
    LOCK_BUSY,
    /** Connection lost or refused, server shutting down or starting, out of resources, deadlock, serialisation. */
    TRANSIENT,
    /** 57014 query_canceled: {@code statement_timeout} (or an operator) cancelled it. Retry smaller or later. */
    CANCELLED_BY_TIMEOUT,
    /** Everything else: PostgreSQL refuses the statement or the data, and will again. */
    REFUSED;

    /** Whole SQLSTATE codes with a class of their own. */
    private static final Map<String, PgErrorClass> CODES = Map.of(
            "55P03", LOCK_BUSY,
            "57014", CANCELLED_BY_TIMEOUT,
            "40001", TRANSIENT, // serialization_failure
            "40P01", TRANSIENT, // deadlock_detected
            "57P01", TRANSIENT, // admin_shutdown
            "57P02", TRANSIENT, // crash_shutdown
            "57P03", TRANSIENT, // cannot_connect_now (starting up, in recovery)
            "57P05", TRANSIENT); // idle_session_timeout: the session was ended, not the statement refused

    /** SQLSTATE classes (first two characters) that are passing as a whole. */
    private static final List<String> TRANSIENT_CLASSES = List.of(
            "08", // connection exception
            "53"); // insufficient resources (too many connections, out of memory, disk full)

    /** The class of {@code sqlState}; null (no SQLSTATE at all) is a connection lost before PostgreSQL answered. */
    public static PgErrorClass classify(String sqlState) {
        if (sqlState == null || sqlState.isBlank()) {
            return TRANSIENT;
        }
        PgErrorClass exact = CODES.get(sqlState);
        if (exact != null) {
            return exact;
        }
        return sqlState.length() >= 2 && TRANSIENT_CLASSES.contains(sqlState.substring(0, 2)) ? TRANSIENT : REFUSED;
    }

    /** Whether trying the same statement again can succeed. */
    public boolean retryable() {
        return this != REFUSED;
    }

    /** Lower-case name for metric tags and log lines, e.g. {@code lock_busy}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
