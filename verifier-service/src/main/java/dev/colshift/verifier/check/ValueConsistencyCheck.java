package dev.colshift.verifier.check;

import dev.colshift.schemas.KeyColumn;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.SqlNames;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row the backfill wrote still holds exactly the backfill expression evaluated on that row. A row counts as
 * written by the backfill when its {@code xmin} is one of the transaction ids the workers recorded in the batch ledger
 * ({@code backfill_xid}, same transaction as the UPDATE; one per piece of a range filled in pieces); any other row was last written by the application (inserted
 * after expand, filled before the backfill reached it, or changed since) and is left out. Compared only when
 * PostgreSQL accepts the expression as immutable and reading only the row; {@code now()} or a subquery would give a
 * different value today.
 */
@ApplicationScoped
public class ValueConsistencyCheck implements VerificationCheck {
    static final String NAME = "value-consistency";
    /** xmin is the 32-bit xid; backfill_xid the 64-bit one with its epoch. */
    static final String BACKFILLED_SCOPE = "%s.xmin::text::int8 IN (SELECT b.backfill_xid::text::int8 %% 4294967296"
            + " FROM colshift.batches AS b WHERE b.migration_id = $2 AND b.backfill_xid IS NOT NULL"
            + " UNION ALL SELECT p.backfill_xid::text::int8 %% 4294967296"
            + " FROM colshift.range_pieces AS p WHERE p.migration_id = $2)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        if (m.backfillSql() == null) {
            return Uni.createFrom().item(CheckOutcome.pass(NAME, "no backfill: no row was written by colshift"));
        }
        if (!context.requested().backfillComparable()) {
            return Uni.createFrom()
                    .item(CheckOutcome.pass(
                            NAME,
                            "not compared: " + m.spec().effectiveBackfillExpression() + " is "
                                    + context.requested().backfillNote()));
        }
        String type = m.canonicalType() != null
                ? m.canonicalType()
                : context.requested().column().type();
        String alias = SqlNames.quote(m.table());
        // a range's record counts its pieces' rows; pieces of a range not recorded (yet) count on their own
        String ledgerSql = """
                SELECT coalesce(sum(rows_updated), 0)::int8 + (SELECT coalesce(sum(p.rows_updated), 0)::int8
                    FROM colshift.range_pieces p WHERE p.migration_id = $1 AND NOT EXISTS (SELECT 1
                      FROM colshift.batches r WHERE r.migration_id = p.migration_id AND r.range_id = p.range_id))
                  AS rows_updated,
                  count(*) FILTER (WHERE backfill_xid IS NULL) AS without_xid
                FROM colshift.batches WHERE migration_id = $1""";
        return context.db()
                .readOnly(db -> TableKey.of(m, db)
                        .chain(key -> db.preparedQuery(ledgerSql)
                                .execute(Tuple.of(m.id()))
                                .map(rows -> new Ledger(key, rows.iterator().next()))))
                .chain(ledger -> {
                    if (ledger.key().isEmpty()) {
                        return Uni.createFrom()
                                .item(CheckOutcome.fail(
                                        NAME,
                                        "cannot scan " + m.tableName() + ": no key column " + m.keyColumn()
                                                + " (table or column gone)"));
                    }
                    ChunkQuery query = new ChunkQuery(
                            m.quotedTable(),
                            alias,
                            ledger.key(),
                            BACKFILLED_SCOPE.formatted(alias),
                            alias + "." + m.quotedColumn() + " IS DISTINCT FROM CAST(("
                                    + m.spec().effectiveBackfillExpression() + ") AS " + type + ")",
                            context.config().scanChunkKeys(),
                            context.config().sampleKeys());
                    ChunkedScan scan = new ChunkedScan(context.db(), query, List.of(m.id()));
                    return scan.run()
                            .map(totals -> outcome(m, query.keyName(), ledger.row(), totals)
                                    .withSql(List.of(ledgerSql.strip(), scan.sql())));
                });
    }

    private record Ledger(List<KeyColumn> key, Row row) {}

    private static CheckOutcome outcome(MigrationUnderCheck m, String key, Row ledger, ChunkedScan.Totals totals) {
        long recorded = ledger.getLong("rows_updated");
        long withoutXid = ledger.getLong("without_xid");
        return evaluate(m.spec().effectiveBackfillExpression(), key, recorded, withoutXid, totals);
    }

    /** Pure: the verdict from the ledger's totals and the scan's. */
    static CheckOutcome evaluate(
            String expression, String key, long rowsUpdated, long rangesWithoutXid, ChunkedScan.Totals totals) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rowsScanned", totals.rowsSeen());
        counts.put("rowsLastWrittenByBackfill", totals.inScope());
        counts.put("rowsExcludedAsApplicationWritten", totals.rowsSeen() - totals.inScope());
        counts.put("rowsDiffering", totals.hits());
        counts.put("ledgerRowsUpdated", rowsUpdated);
        counts.put("ledgerRangesWithoutXid", rangesWithoutXid);
        List<String> keys = totals.sampleKeys();
        String tally = totals.inScope() + " of " + totals.rowsSeen() + " row(s) last written by the backfill";
        CheckOutcome outcome;
        if (totals.hits() > 0) {
            outcome = CheckOutcome.fail(
                    NAME,
                    totals.hits() + " row(s) written by the backfill differ from " + expression + "; first " + key
                            + " values: " + String.join(", ", keys) + " (" + tally + ")");
        } else if (totals.inScope() > rowsUpdated) {
            outcome = CheckOutcome.fail(
                    NAME, tally + ", but the batch ledger records only " + rowsUpdated + " row(s) updated");
        } else {
            outcome = CheckOutcome.pass(
                    NAME,
                    tally + " hold exactly " + expression + "; rows the application wrote are left out"
                            + (rangesWithoutXid == 0
                                    ? ""
                                    : "; " + rangesWithoutXid + " range(s) recorded without backfill_xid (older"
                                            + " worker), their rows are not compared"));
        }
        return outcome.withEvidence(counts, keys);
    }
}
