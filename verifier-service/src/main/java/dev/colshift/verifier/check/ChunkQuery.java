package dev.colshift.verifier.check;

import dev.colshift.schemas.KeyColumn;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of one chunk of a table scan: the next {@code limit} rows in key order after the key {@code $1} (a
 * {@code text[]}, one value per key column, cast back to each column's type and compared as a row value, so any key
 * works and the key's index answers it), how many of them are in scope, how many in scope hit, the first hits' keys
 * and the chunk's last key. Keyset order (not arithmetic ranges), so sparse keys cost nothing; each chunk runs in its
 * own short transaction. Pure, so it is tested by comparing strings.
 *
 * @param table    the table, quoted and schema-qualified
 * @param alias    the alias the table is read under, quoted; scope and hit may name columns through it (or unqualified)
 * @param key      the key's columns in index order (names unquoted, types as PostgreSQL spells them)
 * @param scope    SQL boolean over the row: whether it is examined at all (e.g. last written by the backfill)
 * @param hit      SQL boolean over the row: whether an examined row is an offender
 * @param limit    rows per chunk
 * @param samples  how many offending keys to return
 */
public record ChunkQuery(
        String table, String alias, List<KeyColumn> key, String scope, String hit, int limit, int samples) {

    public ChunkQuery {
        key = List.copyOf(key);
    }

    /** The first chunk's SQL ({@code $1} is null) or a later one's ({@code $1}: the previous chunk's last key). */
    public String sql(boolean first) {
        String columns = key.stream().map(c -> alias + "." + quote(c.name())).collect(Collectors.joining(", "));
        String after = first
                ? "$1::text[] IS NULL"
                : "(" + columns + ") > ("
                        + IntStream.range(0, key.size())
                                .mapToObj(i -> "($1::text[])[" + (i + 1) + "]::"
                                        + key.get(i).type())
                                .collect(Collectors.joining(", "))
                        + ")";
        String keyText =
                key.stream().map(c -> alias + "." + quote(c.name()) + "::text").collect(Collectors.joining(", "));
        String typed = IntStream.range(0, key.size())
                .mapToObj(i -> alias + "." + quote(key.get(i).name()) + " AS key_" + i)
                .collect(Collectors.joining(", "));
        String order = IntStream.range(0, key.size()).mapToObj(i -> "key_" + i).collect(Collectors.joining(", "));
        return "WITH chunk AS (SELECT k, in_scope, hit, row_number() OVER (ORDER BY " + order + ") AS n"
                + " FROM (SELECT ARRAY[" + keyText + "] AS k, " + typed + ", (" + scope + ") AS in_scope, (" + hit
                + ") AS hit FROM " + table + " AS " + alias + " WHERE " + after + " ORDER BY " + columns + " LIMIT "
                + limit + ") AS rows)"
                + " SELECT count(*) AS rows_seen, (SELECT k FROM chunk ORDER BY n DESC LIMIT 1) AS last_key,"
                + " count(*) FILTER (WHERE in_scope) AS in_scope,"
                + " count(*) FILTER (WHERE in_scope AND hit) AS hits,"
                + " (array_agg(array_to_string(k, ', ') ORDER BY n) FILTER (WHERE in_scope AND hit))[1:" + samples
                + "] AS sample_keys FROM chunk";
    }

    /** The key's column names, as findings name it. */
    public String keyNames() {
        return key.stream().map(KeyColumn::name).collect(Collectors.joining(", "));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
