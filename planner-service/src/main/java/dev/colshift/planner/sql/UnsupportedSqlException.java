package dev.colshift.planner.sql;

/** The SQL is readable but is not a change colshift makes (or not in a form it reads), with the reason. */
public class UnsupportedSqlException extends RuntimeException {
    public UnsupportedSqlException(String message) {
        super(message);
    }
}
