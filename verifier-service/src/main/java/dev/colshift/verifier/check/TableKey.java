package dev.colshift.verifier.check;

import dev.colshift.schemas.KeyColumn;
import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The key a scan walks: the key the backfill walked (from the ledger), or the ledger's integer key column of a
 * migration planned before keyset ranges, or else the table's primary key. Empty when there is none (a metadata-only
 * change on a keyless table).
 */
final class TableKey {
    private TableKey() {}

    static Uni<List<KeyColumn>> of(MigrationUnderCheck m, SqlConnection db) {
        if (m.keysetRanges()) {
            return Uni.createFrom().item(m.key());
        }
        if (m.keyColumn() != null) {
            return Uni.createFrom().item(List.of(new KeyColumn(m.keyColumn(), "bigint")));
        }
        return db.preparedQuery("""
                SELECT a.attname::text AS name, format_type(a.atttypid, NULL) AS type FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = to_regclass($1) AND i.indisprimary AND k.ord <= i.indnkeyatts
                ORDER BY k.ord""").execute(Tuple.of(m.quotedTable())).map(rows -> {
            List<KeyColumn> key = new ArrayList<>();
            rows.forEach(r -> key.add(new KeyColumn(r.getString("name"), r.getString("type"))));
            return key;
        });
    }
}
