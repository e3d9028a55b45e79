package dev.colshift.verifier.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;

/**
 * What an index is, as PostgreSQL deparses it: access method, uniqueness, each key column or expression, and the
 * predicate. Two indexes built from the same request on tables with the same columns compare equal whatever their
 * names.
 */
public record IndexShape(String method, boolean unique, List<String> keys, String predicate) {

    public IndexShape {
        keys = List.copyOf(keys);
    }

    /** An index's catalog state and shape; {@code name} is read by {@code to_regclass}. */
    public record Found(
            IndexShape shape, boolean valid, boolean ready, long tableOid, String tableName, String definition) {}

    static final String SQL = """
            SELECT i.indisvalid, i.indisready, i.indisunique, i.indrelid::int8 AS table_oid,
              i.indrelid::regclass::text AS table_name, am.amname::text AS method,
              ARRAY(SELECT pg_get_indexdef(i.indexrelid, n, true) FROM generate_series(1, i.indnkeyatts) AS n) AS keys,
              pg_get_expr(i.indpred, i.indrelid, true) AS predicate, pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE i.indexrelid = to_regclass($1)""";

    /** The index {@code name} (quoted, schema-qualified text), or a null item when there is none. */
    public static Uni<Found> find(SqlConnection db, String name) {
        return db.preparedQuery(SQL)
                .execute(Tuple.of(name))
                .map(rows -> rows.size() == 0 ? null : found(rows.iterator().next()));
    }

    public static String sql() {
        return SQL;
    }

    private static Found found(Row r) {
        return new Found(
                new IndexShape(
                        r.getString("method"),
                        r.getBoolean("indisunique"),
                        Arrays.asList(r.getArrayOfStrings("keys")),
                        r.getString("predicate")),
                r.getBoolean("indisvalid"),
                r.getBoolean("indisready"),
                r.getLong("table_oid"),
                r.getString("table_name"),
                r.getString("definition"));
    }

    @Override
    public String toString() {
        return (unique ? "UNIQUE " : "") + method + " (" + String.join(", ", keys) + ")"
                + (predicate == null ? "" : " WHERE " + predicate);
    }
}
