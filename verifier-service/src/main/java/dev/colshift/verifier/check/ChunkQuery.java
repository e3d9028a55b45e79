package dev.colshift.verifier.check;

import dev.colshift.schemas.KeyColumn;
import dev.colshift.verifier.SqlNames;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one chunk of a table scan: the next {@code limit} rows in key order after the key {@code $1}, how many of
 * them are in scope, how many in scope hit, and the first hits' keys. Keyset order over the table's key of any type
 * and any number of columns (a row-value comparison the key's index serves), so sparse keys cost nothing; each chunk
 * runs in its own short transaction. Pure, so it is tested by comparing strings.
 *
 * @param table   the table, quoted and schema-qualified
 * @param alias   the alias the table is read under, quoted; scope and hit may name columns through it (or unqualified)
 * @param key     the key's columns in order
 * @param scope   SQL boolean over the row: whether it is examined at all (e.g. last written by the backfill)
 * @param hit     SQL boolean over the row: whether an examined row is an offender
 * @param limit   rows per chunk
 * @param samples how many offending keys to return
 */
public record ChunkQuery(
        String table, String alias, List<KeyColumn> key, String scope, String hit, int limit, int samples) {

    public ChunkQuery {
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a chunked scan needs a key");
        }
    }

    /** The first chunk ({@code $1} is NULL: typed, so the scope may use {@code $2}, ...). */
    public String firstSql() {
        return sql(false);
    }

    /**
     * The chunk after the key {@code $1}: the previous chunk's {@code last_key}, a JSON array of the key's values.
     * Two texts rather than one with {@code $1 IS NULL OR ...}, so even a generic plan reads the key's index.
     */
    public String nextSql() {
        return sql(true);
    }

    private String sql(boolean after) {
        String columns =
                key.stream().map(k -> alias + "." + SqlNames.quote(k.name())).collect(Collectors.joining(", "));
        StringBuilder bound = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            bound.append(i == 0 ? "" : ", ")
                    .append("($1::text::jsonb->>")
                    .append(i)
                    .append(")::")
                    .append(key.get(i).type());
        }
        String shown = key.size() == 1
                ? alias + "." + SqlNames.quote(key.get(0).name()) + "::text"
                : "'(' || concat_ws(', ', "
                        + key.stream()
                                .map(k -> alias + "." + SqlNames.quote(k.name()) + "::text")
                                .collect(Collectors.joining(", "))
                        + ") || ')'";
        return "SELECT count(*) AS rows_seen, (array_agg(last_key ORDER BY n DESC))[1] AS last_key,"
                + " count(*) FILTER (WHERE in_scope) AS in_scope,"
                + " count(*) FILTER (WHERE in_scope AND hit) AS hits,"
                + " (array_agg(shown ORDER BY n) FILTER (WHERE in_scope AND hit))[1:" + samples + "] AS sample_keys"
                + " FROM (SELECT row_number() OVER (ORDER BY " + columns + ") AS n,"
                + " jsonb_build_array(" + columns + ")::text AS last_key, " + shown + " AS shown,"
                + " (" + scope + ") AS in_scope, (" + hit + ") AS hit"
                + " FROM " + table + " AS " + alias
                + (after ? " WHERE (" + columns + ") > (" + bound + ")" : " WHERE $1::text IS NULL")
                + " ORDER BY " + columns + " LIMIT " + limit + ") AS chunk";
    }

    /** How the key is named in findings: {@code id}, or {@code (a, b)} for a composite key. */
    public String keyName() {
        String names = key.stream().map(KeyColumn::name).collect(Collectors.joining(", "));
        return key.size() == 1 ? names : "(" + names + ")";
    }
}
