package dev.colshift.planner.db;

/** Sessions have held locks on the target table for longer than the lock timeout: a DDL now would queue behind them. */
public class TableBusyException extends RuntimeException {
    public TableBusyException(String table, String sessions) {
        super("table " + table + " is held by long-running session(s) " + sessions
                + "; a DDL now would make the application queue behind it");
    }
}
