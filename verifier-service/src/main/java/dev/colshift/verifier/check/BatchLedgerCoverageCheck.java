package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Every key range of the backfill is in the batch ledger exactly once (see {@link LedgerCoverage}). */
@ApplicationScoped
public class BatchLedgerCoverageCheck implements VerificationCheck {

    @Override
    public String name() {
        return LedgerCoverage.NAME;
    }

    @Override
    public Uni<CheckResult> run(MigrationUnderCheck m, SqlConnection db) {
        if (m.backfillSql() == null) {
            return Uni.createFrom().item(CheckResult.pass(name(), "no backfill: existing rows were left NULL"));
        }
        return db.preparedQuery("""
                SELECT range_id, lower_bound, upper_bound FROM colshift.batches
                WHERE migration_id = $1 ORDER BY lower_bound, upper_bound, range_id""").execute(Tuple.of(m.id())).map(rows -> {
            List<LedgerRange> ranges = new ArrayList<>(rows.size());
            rows.forEach(r -> ranges.add(
                    new LedgerRange(r.getLong("range_id"), r.getLong("lower_bound"), r.getLong("upper_bound"))));
            return LedgerCoverage.evaluate(m.rangeLower(), m.rangeUpper(), m.batchesTotal(), ranges);
        });
    }
}
