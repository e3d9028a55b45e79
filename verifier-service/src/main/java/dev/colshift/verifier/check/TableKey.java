package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The key a scan walks: the ledger's key column, or else the table's single-column integer primary key. Null when
 * there is none (a metadata-only change on a keyless table).
 */
final class TableKey {
    private TableKey() {}

    static Uni<String> of(MigrationUnderCheck m, SqlConnection db) {
        if (m.keyColumn() != null) {
            return Uni.createFrom().item(m.keyColumn());
        }
        return db.preparedQuery("""
                SELECT a.attname::text AS key FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = to_regclass($1) AND i.indisprimary AND i.indnkeyatts = 1
                  AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)""")
                .execute(Tuple.of(m.quotedTable()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("key"));
    }
}
