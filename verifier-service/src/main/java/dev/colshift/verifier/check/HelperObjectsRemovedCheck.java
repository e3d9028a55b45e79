package dev.colshift.verifier.check;

import dev.colshift.schemas.HelperObjects;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The planner's temporary objects are gone: the NOT NULL helper check, the fill trigger and its function. */
@ApplicationScoped
public class HelperObjectsRemovedCheck implements VerificationCheck {
    static final String NAME = "helper-objects-removed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        return context.db()
                .readOnly(db -> db.preparedQuery(SQL)
                        .execute(Tuple.of(
                                m.schema(),
                                m.table(),
                                m.notNullCheckName(),
                                m.fillTriggerName(),
                                HelperObjects.FUNCTION_SCHEMA))
                        .map(rows -> evaluate(m, rows.iterator().next()).withSql(List.of(SQL.strip()))));
    }

    static final String SQL = """
                SELECT
                  (SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = $1 AND c.relname = $2 AND k.conname = $3) AS constraints,
                  (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = $1 AND c.relname = $2 AND t.tgname = $4) AS triggers,
                  (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = $5 AND p.proname = $4) AS functions""";

    private static CheckOutcome evaluate(MigrationUnderCheck m, Row row) {
        List<String> left = new ArrayList<>();
        if (row.getLong("constraints") > 0) {
            left.add("constraint " + m.notNullCheckName() + " on " + m.tableName());
        }
        if (row.getLong("triggers") > 0) {
            left.add("trigger " + m.fillTriggerName() + " on " + m.tableName());
        }
        if (row.getLong("functions") > 0) {
            left.add("function " + HelperObjects.FUNCTION_SCHEMA + "." + m.fillTriggerName() + "()");
        }
        return left.isEmpty()
                ? CheckOutcome.pass(NAME, "no helper constraint, trigger or function left")
                : CheckOutcome.fail(NAME, "still present: " + String.join(", ", left));
    }
}
