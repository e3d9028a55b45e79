package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.SqlNames;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No row holds NULL in the new column when the spec gives existing rows a value or forbids NULL. Scans the table in
 * key chunks and names the first offending keys.
 */
@ApplicationScoped
public class NoNullsCheck implements VerificationCheck {
    static final String NAME = "no-nulls";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean appliesTo(MigrationUnderCheck migration) {
        return true;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        String reason = reasonNullsAreForbidden(m);
        if (reason == null) {
            return Uni.createFrom()
                    .item(CheckOutcome.pass(NAME, "not required: the spec allows NULL and gives no value"));
        }
        return context.db().readOnly(db -> TableKey.of(m, db)).chain(key -> {
            if (key.isEmpty()) {
                return Uni.createFrom()
                        .item(CheckOutcome.fail(NAME, "cannot scan " + m.tableName() + ": no key to chunk by"));
            }
            String alias = SqlNames.quote(m.table());
            // Identifiers come from the ledger or the catalog and are quoted; nothing else reaches the SQL text.
            ChunkQuery query = new ChunkQuery(
                    m.quotedTable(),
                    alias,
                    key,
                    "true",
                    alias + "." + m.quotedColumn() + " IS NULL",
                    context.config().scanChunkKeys(),
                    context.config().sampleKeys());
            ChunkedScan scan = new ChunkedScan(context.db(), query, List.of());
            return scan.run()
                    .map(totals -> outcome(reason, query.keyNames(), totals).withSql(List.of(scan.sql())));
        });
    }

    static CheckOutcome outcome(String reason, String key, ChunkedScan.Totals totals) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rowsScanned", totals.rowsSeen());
        counts.put("nullRows", totals.hits());
        counts.put("chunks", totals.chunks());
        List<String> keys = totals.sampleKeys();
        CheckOutcome outcome = totals.hits() == 0
                ? CheckOutcome.pass(NAME, "no row holds NULL among " + totals.rowsSeen() + " row(s) (" + reason + ")")
                : CheckOutcome.fail(
                        NAME,
                        totals.hits() + " row(s) hold NULL although " + reason + "; first " + key + " values: "
                                + String.join(", ", keys));
        return outcome.withEvidence(counts, keys);
    }

    /** Why the column must be fully populated, or null when NULLs are allowed to remain. */
    static String reasonNullsAreForbidden(MigrationUnderCheck m) {
        if (!m.spec().allowsNull()) {
            return "the spec asks for NOT NULL";
        }
        if (m.ledgered() && m.spec().effectiveBackfillExpression() != null) {
            return "the spec fills existing rows with " + m.spec().effectiveBackfillExpression();
        }
        return null;
    }
}
