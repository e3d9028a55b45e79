package dev.colshift.verifier.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A column as the catalog describes it.
 *
 * @param defaultExpression pg_get_expr of its default (or of its generation expression), or null
 * @param collation         the collation's oid (0 for a type without one)
 * @param identity          {@code a} (ALWAYS), {@code d} (BY DEFAULT) or empty
 * @param generated         {@code s} (STORED), {@code v} (VIRTUAL) or empty
 */
public record ColumnFacts(
        String type,
        boolean notNull,
        String defaultExpression,
        long collation,
        String collationName,
        String identity,
        String generated) {

    /** Only the fields older checks looked at: no collation, identity or generation. */
    public ColumnFacts(String type, boolean notNull, String defaultExpression) {
        this(type, notNull, defaultExpression, 0, null, "", "");
    }

    static final String SQL = """
            SELECT format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.attcollation::int8 AS collation,
              co.collname::text AS collation_name, pg_get_expr(d.adbin, d.adrelid) AS default_expression,
              a.attidentity::text AS identity, a.attgenerated::text AS generated
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped""";

    public static String sql() {
        return SQL;
    }

    /** The column of {@code table} (quoted, schema-qualified text), or a null item when there is none. */
    public static Uni<ColumnFacts> find(SqlConnection db, String table, String column) {
        return db.preparedQuery(SQL)
                .execute(Tuple.of(table, column))
                .map(rows -> rows.size() == 0 ? null : of(rows.iterator().next()));
    }

    private static ColumnFacts of(Row r) {
        return new ColumnFacts(
                r.getString("type"),
                r.getBoolean("attnotnull"),
                r.getString("default_expression"),
                r.getLong("collation"),
                r.getString("collation_name"),
                r.getString("identity"),
                r.getString("generated"));
    }

    /** {@code text COLLATE "C" NOT NULL DEFAULT 'x'::text}, for reports. */
    public String describe() {
        StringBuilder shape = new StringBuilder(type);
        if (collationName != null && !collationName.equals("default")) {
            shape.append(" COLLATE \"").append(collationName).append('"');
        }
        shape.append(notNull ? " NOT NULL" : " NULL");
        if (!identity.isEmpty()) {
            shape.append(" GENERATED ")
                    .append(identity.equals("a") ? "ALWAYS" : "BY DEFAULT")
                    .append(" AS IDENTITY");
        } else if (!generated.isEmpty() && defaultExpression != null) {
            shape.append(" GENERATED ALWAYS AS (").append(defaultExpression).append(')');
        } else if (defaultExpression != null) {
            shape.append(" DEFAULT ").append(defaultExpression);
        }
        return shape.toString();
    }
}
