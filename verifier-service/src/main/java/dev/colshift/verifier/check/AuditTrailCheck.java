package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/** Each planned DDL step left its ledger row and a SUCCEEDED audit row (see {@link AuditTrail}). */
@ApplicationScoped
public class AuditTrailCheck implements VerificationCheck {

    @Override
    public String name() {
        return AuditTrail.NAME;
    }

    @Override
    public Uni<CheckResult> run(MigrationUnderCheck m, SqlConnection db) {
        Tuple id = Tuple.of(m.id());
        return db.preparedQuery("SELECT step_id AS name FROM colshift.steps WHERE migration_id = $1")
                .execute(id)
                .map(AuditTrailCheck::names)
                .chain(completed -> db.preparedQuery("""
                        SELECT DISTINCT action AS name FROM colshift.audit_log
                        WHERE migration_id = $1 AND outcome = 'SUCCEEDED'""")
                        .execute(id)
                        .map(audited -> AuditTrail.evaluate(m.steps(), completed, names(audited))));
    }

    private static Set<String> names(RowSet<Row> rows) {
        Set<String> names = new HashSet<>();
        rows.forEach(r -> names.add(r.getString("name")));
        return names;
    }
}
