package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Each planned DDL step left its ledger row and a SUCCEEDED audit row (see {@link AuditTrail}). */
@ApplicationScoped
public class AuditTrailCheck implements VerificationCheck {
    static final String STEPS = "SELECT step_id AS name FROM colshift.steps WHERE migration_id = $1";
    static final String AUDITED = """
            SELECT DISTINCT action AS name FROM colshift.audit_log
            WHERE migration_id = $1 AND actor = 'planner' AND outcome = 'SUCCEEDED'""";

    @Override
    public String name() {
        return AuditTrail.NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        Tuple id = Tuple.of(m.id());
        return context.db()
                .readOnly(db -> db.preparedQuery(STEPS)
                        .execute(id)
                        .map(AuditTrailCheck::names)
                        .chain(completed -> db.preparedQuery(AUDITED)
                                .execute(id)
                                .map(audited -> AuditTrail.evaluate(m.steps(), completed, names(audited)))))
                .map(result -> CheckOutcome.of(result).withSql(List.of(STEPS, AUDITED.strip())));
    }

    private static Set<String> names(RowSet<Row> rows) {
        Set<String> names = new HashSet<>();
        rows.forEach(r -> names.add(r.getString("name")));
        return names;
    }
}
