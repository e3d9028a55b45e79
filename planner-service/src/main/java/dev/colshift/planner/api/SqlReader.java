package dev.colshift.planner.api;

import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.planner.sql.AddColumnScript;
import dev.colshift.planner.sql.SqlSyntaxException;
import dev.colshift.planner.sql.UnsupportedSqlException;

/** Reads a request body of SQL into specs, turning what cannot be read into the spec problem that says why. */
public final class SqlReader {
    /** The most SQL a request may carry: migration files, not dumps. */
    static final int MAX_LENGTH = 100_000;

    private SqlReader() {}

    public static AddColumnScript.Parsed read(String body) {
        if (body == null || body.isBlank()) {
            throw new SpecRejectedException(new SpecProblem.UnsupportedSql("sql", "the body is empty"));
        }
        if (body.length() > MAX_LENGTH) {
            throw new SpecRejectedException(
                    new SpecProblem.UnsupportedSql("sql", "the SQL is longer than " + MAX_LENGTH + " characters"));
        }
        try {
            return AddColumnScript.read(body);
        } catch (SqlSyntaxException e) {
            throw new SpecRejectedException(new SpecProblem.SqlSyntax("sql", e.getMessage()));
        } catch (UnsupportedSqlException e) {
            throw new SpecRejectedException(new SpecProblem.UnsupportedSql("sql", e.getMessage()));
        }
    }
}
