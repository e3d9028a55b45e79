package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.KeyColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkQueryTest {
    @Test
    void keysetChunkCountsScopeAndHitsAndSamplesKeysInOrder() {
        ChunkQuery query = new ChunkQuery(
                "\"public\".\"users\"",
                "\"users\"",
                List.of(new KeyColumn("id", "bigint")),
                "true",
                "\"users\".\"c\" IS NULL",
                10000,
                5);
        String select = "SELECT count(*) AS rows_seen, (array_agg(last_key ORDER BY n DESC))[1] AS last_key,"
                + " count(*) FILTER (WHERE in_scope) AS in_scope, count(*) FILTER (WHERE in_scope AND hit) AS hits,"
                + " (array_agg(shown ORDER BY n) FILTER (WHERE in_scope AND hit))[1:5] AS sample_keys"
                + " FROM (SELECT row_number() OVER (ORDER BY \"users\".\"id\") AS n,"
                + " jsonb_build_array(\"users\".\"id\")::text AS last_key, \"users\".\"id\"::text AS shown,"
                + " (true) AS in_scope, (\"users\".\"c\" IS NULL) AS hit FROM \"public\".\"users\" AS \"users\"";
        String rest = " ORDER BY \"users\".\"id\" LIMIT 10000) AS chunk";
        assertEquals(select + " WHERE $1::text IS NULL" + rest, query.firstSql());
        assertEquals(select + " WHERE (\"users\".\"id\") > (($1::text::jsonb->>0)::bigint)" + rest, query.nextSql());
        assertEquals("id", query.keyName());
    }

    @Test
    void aCompositeKeyIsWalkedByRowComparisonAndShownAsATuple() {
        ChunkQuery query = new ChunkQuery(
                "\"public\".\"t\"",
                "\"t\"",
                List.of(new KeyColumn("tenant", "integer"), new KeyColumn("code", "text")),
                "true",
                "\"t\".\"c\" IS NULL",
                100,
                3);
        assertTrue(query.nextSql()
                .contains(" WHERE (\"t\".\"tenant\", \"t\".\"code\") > (($1::text::jsonb->>0)::integer,"
                        + " ($1::text::jsonb->>1)::text) ORDER BY \"t\".\"tenant\", \"t\".\"code\" LIMIT 100"));
        assertTrue(query.firstSql()
                .contains("'(' || concat_ws(', ', \"t\".\"tenant\"::text, \"t\".\"code\"::text) || ')' AS shown"));
        assertEquals("(tenant, code)", query.keyName());
    }

    @Test
    void backfilledScopeComparesXminWithTheXidsOfRangesAndPiecesWithoutEpoch() {
        assertEquals(
                "\"t\".xmin::text::int8 IN (SELECT b.backfill_xid::text::int8 % 4294967296"
                        + " FROM colshift.batches AS b WHERE b.migration_id = $2 AND b.backfill_xid IS NOT NULL"
                        + " UNION ALL SELECT p.backfill_xid::text::int8 % 4294967296"
                        + " FROM colshift.range_pieces AS p WHERE p.migration_id = $2)",
                ValueConsistencyCheck.BACKFILLED_SCOPE.formatted("\"t\""));
    }
}
