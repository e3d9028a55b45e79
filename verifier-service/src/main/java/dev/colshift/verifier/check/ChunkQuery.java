package dev.colshift.verifier.check;

/**
 * The SQL of one chunk of a table scan: the next {@code limit} rows in key order after the key {@code $1}, how many of
 * them are in scope, how many in scope hit, and the first hits' keys. Keyset order (not arithmetic ranges), so sparse
 * keys cost nothing; each chunk runs in its own short transaction. Pure, so it is tested by comparing strings.
 *
 * @param table    the table, quoted and schema-qualified
 * @param alias    the alias the table is read under, quoted; scope and hit may name columns through it (or unqualified)
 * @param key      the key column, quoted; a single integer column
 * @param scope    SQL boolean over the row: whether it is examined at all (e.g. last written by the backfill)
 * @param hit      SQL boolean over the row: whether an examined row is an offender
 * @param limit    rows per chunk
 * @param samples  how many offending keys to return
 */
public record ChunkQuery(String table, String alias, String key, String scope, String hit, int limit, int samples) {

    public String sql() {
        String k = alias + "." + key;
        return "SELECT count(*) AS rows_seen, max(k) AS last_key,"
                + " count(*) FILTER (WHERE in_scope) AS in_scope,"
                + " count(*) FILTER (WHERE in_scope AND hit) AS hits,"
                + " (array_agg(k ORDER BY k) FILTER (WHERE in_scope AND hit))[1:" + samples + "] AS sample_keys"
                + " FROM (SELECT " + k + "::int8 AS k, (" + scope + ") AS in_scope, (" + hit + ") AS hit"
                + " FROM " + table + " AS " + alias
                + " WHERE " + k + " > $1::int8 ORDER BY " + k + " LIMIT " + limit + ") AS chunk";
    }
}
