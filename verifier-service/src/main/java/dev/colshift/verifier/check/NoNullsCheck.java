package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** No row holds NULL in the new column when the spec gives existing rows a value or forbids NULL. */
@ApplicationScoped
public class NoNullsCheck implements VerificationCheck {
    static final String NAME = "no-nulls";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> run(MigrationUnderCheck m, SqlConnection db) {
        String reason = reasonNullsAreForbidden(m);
        if (reason == null) {
            return Uni.createFrom()
                    .item(CheckResult.pass(NAME, "not required: the spec allows NULL and gives no value"));
        }
        // Identifiers come from the ledger but are quoted all the same; nothing else reaches the SQL text.
        return db.query("SELECT count(*) AS nulls FROM " + m.quotedTable() + " WHERE " + m.quotedColumn() + " IS NULL")
                .execute()
                .map(rows -> {
                    long nulls = rows.iterator().next().getLong("nulls");
                    return nulls == 0
                            ? CheckResult.pass(NAME, "no row holds NULL (" + reason + ")")
                            : CheckResult.fail(NAME, nulls + " row(s) hold NULL although " + reason);
                });
    }

    /** Why the column must be fully populated, or null when NULLs are allowed to remain. */
    static String reasonNullsAreForbidden(MigrationUnderCheck m) {
        if (!m.spec().allowsNull()) {
            return "the spec asks for NOT NULL";
        }
        if (m.spec().effectiveBackfillExpression() != null) {
            return "the spec fills existing rows with " + m.spec().effectiveBackfillExpression();
        }
        return null;
    }
}
