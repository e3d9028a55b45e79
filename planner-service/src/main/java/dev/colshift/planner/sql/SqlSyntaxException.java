package dev.colshift.planner.sql;

/** The SQL text cannot be read, with the character offset where reading stopped. */
public class SqlSyntaxException extends RuntimeException {
    private final int position;

    public SqlSyntaxException(int position, String message) {
        super(message + " at character " + (position + 1));
        this.position = position;
    }

    public int position() {
        return position;
    }
}
