package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every key range of the backfill is in the batch ledger exactly once (see {@link LedgerCoverage}). */
@ApplicationScoped
public class BatchLedgerCoverageCheck implements VerificationCheck {
    static final String SQL = """
            SELECT range_id, lower_bound, upper_bound, rows_updated FROM colshift.batches
            WHERE migration_id = $1 ORDER BY lower_bound, upper_bound, range_id""";

    @Override
    public String name() {
        return LedgerCoverage.NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        if (m.backfillSql() == null) {
            return Uni.createFrom().item(CheckOutcome.pass(name(), "no backfill: existing rows were not rewritten"));
        }
        return context.db()
                .readOnly(db -> db.preparedQuery(SQL).execute(Tuple.of(m.id())))
                .map(rows -> {
                    List<LedgerRange> ranges = new ArrayList<>(rows.size());
                    long[] rowsUpdated = {0};
                    rows.forEach(r -> {
                        ranges.add(new LedgerRange(
                                r.getLong("range_id"), r.getLong("lower_bound"), r.getLong("upper_bound")));
                        rowsUpdated[0] += r.getLong("rows_updated");
                    });
                    Map<String, Long> counts = new LinkedHashMap<>();
                    counts.put("rangesRecorded", (long) ranges.size());
                    if (m.batchesTotal() != null) {
                        counts.put("rangesPlanned", m.batchesTotal());
                    }
                    counts.put("rowsUpdated", rowsUpdated[0]);
                    return CheckOutcome.of(
                                    LedgerCoverage.evaluate(m.rangeLower(), m.rangeUpper(), m.batchesTotal(), ranges))
                            .withEvidence(counts, List.of())
                            .withSql(List.of(SQL.strip()));
                });
    }
}
