package dev.colshift.verifier.check;

import dev.colshift.schemas.KeyColumn;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The key a scan walks, with each column's type: the key the backfill walked in keyset ranges (from the ledger), or the
 * ledger's key column of a migration planned before keyset ranges, or else the table's primary key (any type, any
 * number of columns). Empty when there is none (a column added by hand to a keyless table).
 */
final class TableKey {
    static final String PRIMARY_KEY = """
            SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass($1) AND i.indisprimary AND k.n <= i.indnkeyatts
            ORDER BY k.n""";
    static final String LEDGER_KEY = """
            SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type
            FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped""";

    private TableKey() {}

    static Uni<List<KeyColumn>> of(MigrationUnderCheck m, SqlConnection db) {
        if (m.keysetRanges()) {
            return Uni.createFrom().item(m.key());
        }
        Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> rows = m.keyColumn() != null
                ? db.preparedQuery(LEDGER_KEY).execute(Tuple.of(m.quotedTable(), m.keyColumn()))
                : db.preparedQuery(PRIMARY_KEY).execute(Tuple.of(m.quotedTable()));
        return rows.map(found -> {
            List<KeyColumn> key = new ArrayList<>();
            found.forEach(r -> key.add(new KeyColumn(r.getString("name"), r.getString("type"))));
            return key;
        });
    }
}
