package dev.colshift.verifier.check;

import dev.colshift.schemas.KeyRange;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key range of the backfill is in the batch ledger exactly once: the stored keyset ranges chain over the
 * captured key span ({@link KeysetCoverage}), or, for a migration split into integer ranges, the recorded ranges
 * cover the integer span ({@link LedgerCoverage}).
 */
@ApplicationScoped
public class BatchLedgerCoverageCheck implements VerificationCheck {
    static final String SQL = """
            SELECT range_id, lower_bound, upper_bound, rows_updated FROM colshift.batches
            WHERE migration_id = $1 ORDER BY lower_bound, upper_bound, range_id""";

    static final String STORED_RANGES_SQL = """
            SELECT range_id, lower_key, upper_key, upper_inclusive FROM colshift.ranges
            WHERE migration_id = $1 ORDER BY range_id""";
    static final String KEYSET_BATCHES_SQL = """
            SELECT range_id, lower_key, upper_key, rows_updated FROM colshift.batches
            WHERE migration_id = $1 ORDER BY range_id""";

    @Override
    public String name() {
        return LedgerCoverage.NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        if (m.backfillSql() == null) {
            return Uni.createFrom().item(CheckOutcome.pass(name(), "no backfill: existing rows were not rewritten"));
        }
        if (m.keysetRanges()) {
            return keyset(m, context);
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

    private Uni<CheckOutcome> keyset(MigrationUnderCheck m, CheckContext context) {
        return context.db()
                .readOnly(db -> db.preparedQuery(STORED_RANGES_SQL)
                        .execute(Tuple.of(m.id()))
                        .chain(ranges -> db.preparedQuery(KEYSET_BATCHES_SQL)
                                .execute(Tuple.of(m.id()))
                                .map(batches -> {
                                    List<KeyRange> stored = new ArrayList<>(ranges.size());
                                    ranges.forEach(r -> stored.add(new KeyRange(
                                            r.getLong("range_id"),
                                            List.of(r.getArrayOfStrings("lower_key")),
                                            List.of(r.getArrayOfStrings("upper_key")),
                                            r.getBoolean("upper_inclusive"))));
                                    List<KeysetCoverage.RecordedBatch> recorded = new ArrayList<>(batches.size());
                                    batches.forEach(r -> recorded.add(new KeysetCoverage.RecordedBatch(
                                            r.getLong("range_id"),
                                            textList(r.getArrayOfStrings("lower_key")),
                                            textList(r.getArrayOfStrings("upper_key")),
                                            r.getLong("rows_updated"))));
                                    Map<String, Long> counts = new LinkedHashMap<>();
                                    counts.put("rangesStored", (long) stored.size());
                                    counts.put("rangesRecorded", (long) recorded.size());
                                    if (m.batchesTotal() != null) {
                                        counts.put("rangesPlanned", m.batchesTotal());
                                    }
                                    counts.put(
                                            "rowsUpdated",
                                            recorded.stream()
                                                    .mapToLong(KeysetCoverage.RecordedBatch::rowsUpdated)
                                                    .sum());
                                    return CheckOutcome.of(KeysetCoverage.evaluate(
                                                    m.keyMin(), m.keyMax(), m.batchesTotal(), stored, recorded))
                                            .withEvidence(counts, List.of())
                                            .withSql(List.of(STORED_RANGES_SQL.strip(), KEYSET_BATCHES_SQL.strip()));
                                })));
    }

    private static List<String> textList(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
