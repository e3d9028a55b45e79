package dev.colshift.schemas;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of a keyset walk over a table's key, pure, so it is tested by comparing strings. Rows are compared as row
 * values ({@code (k1, k2) >= ($1, $2)}), which a btree index over the key answers; every ordering and comparison is
 * PostgreSQL's own, in the key columns' collations. Bounds travel as text and are cast by PostgreSQL to each column's
 * type ({@code $1::text::uuid}); identifiers are quoted, and a type name is PostgreSQL's own spelling of it.
 *
 * @param table the table, quoted and schema-qualified
 * @param key   the key's columns, in the order of the index that makes them unique
 */
public record KeysetSql(String table, List<KeyColumn> key) {

    public KeysetSql {
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a keyset walk needs at least one key column");
        }
    }

    /** The walk over {@code key} of the table {@code schema.table}, both names as the catalog has them. */
    public static KeysetSql of(String schema, String table, List<KeyColumn> key) {
        return new KeysetSql(quote(schema) + "." + quote(table), key);
    }

    /** The key as one value per column in text, e.g. {@code ARRAY["tenant"::text, "id"::text]}. */
    public String keyAsText() {
        return key.stream().map(c -> quote(c.name()) + "::text").collect(Collectors.joining(", ", "ARRAY[", "]"));
    }

    /** The key columns as a row value, e.g. {@code ("tenant", "id")}. */
    public String row() {
        return key.stream().map(c -> quote(c.name())).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A bound as a row of parameters from {@code $first} on, e.g. {@code ($3::text::integer, $4::text::uuid)}. */
    public String bound(int first) {
        return IntStream.range(0, key.size())
                .mapToObj(i -> "$" + (first + i) + "::text::" + key.get(i).type())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Keys in the range whose lower bound is {@code $1..$n} and upper bound {@code $n+1..$2n}. */
    public String rangeCondition(boolean upperInclusive) {
        return row() + " >= " + bound(1) + " AND " + row() + (upperInclusive ? " <= " : " < ") + bound(1 + key.size());
    }

    /** The smallest key, in text ({@code key}); no row for an empty table. */
    public String firstKey() {
        return "SELECT " + keyAsText() + " AS key FROM " + table + " ORDER BY " + order("") + " LIMIT 1";
    }

    /** The largest key, in text ({@code key}); no row for an empty table. */
    public String lastKey() {
        return "SELECT " + keyAsText() + " AS key FROM " + table + " ORDER BY " + order(" DESC") + " LIMIT 1";
    }

    /**
     * The first key of the range after the one starting at {@code $1..$n}: the key {@code batchSize} keys on, if it is
     * not beyond the key maximum {@code $n+1..$2n}; no row when the range starting at {@code $1..$n} is the last. One
     * short index probe: it reads {@code batchSize + 1} index entries.
     */
    public String nextLowerBound(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        return "SELECT " + keyAsText() + " AS key FROM " + table + " WHERE " + rangeCondition(true) + " ORDER BY "
                + order("") + " OFFSET " + batchSize + " LIMIT 1";
    }

    /**
     * How many keys there are from {@code $1..$n} to {@code $n+1..$2n} (included), counting no further than
     * {@code limit} ({@code rows}): reads at most {@code limit} index entries.
     */
    public String rowsUpTo(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return "SELECT count(*)::int AS rows FROM (SELECT 1 FROM " + table + " WHERE " + rangeCondition(true)
                + " LIMIT " + limit + ") AS counted";
    }

    private String order(String direction) {
        return key.stream().map(c -> quote(c.name()) + direction).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
