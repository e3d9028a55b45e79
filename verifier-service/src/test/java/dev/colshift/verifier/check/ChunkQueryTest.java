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
        assertEquals(
                "WITH chunk AS (SELECT k, in_scope, hit, row_number() OVER (ORDER BY key_0) AS n"
                        + " FROM (SELECT ARRAY[\"users\".\"id\"::text] AS k, \"users\".\"id\" AS key_0, (true) AS in_scope,"
                        + " (\"users\".\"c\" IS NULL) AS hit FROM \"public\".\"users\" AS \"users\""
                        + " WHERE (\"users\".\"id\") > (($1::text[])[1]::bigint) ORDER BY \"users\".\"id\" LIMIT 10000)"
                        + " AS rows) SELECT count(*) AS rows_seen, (SELECT k FROM chunk ORDER BY n DESC LIMIT 1) AS last_key,"
                        + " count(*) FILTER (WHERE in_scope) AS in_scope, count(*) FILTER (WHERE in_scope AND hit) AS hits,"
                        + " (array_agg(array_to_string(k, ', ') ORDER BY n) FILTER (WHERE in_scope AND hit))[1:5]"
                        + " AS sample_keys FROM chunk",
                query.sql(false));
    }

    @Test
    void anyKeyIsComparedAsARowValueOfTextCastToItsTypesAndTheFirstChunkHasNoLowerBound() {
        ChunkQuery query = new ChunkQuery(
                "\"s\".\"t\"",
                "\"t\"",
                List.of(new KeyColumn("tenant", "integer"), new KeyColumn("id", "uuid")),
                "true",
                "false",
                10,
                1);
        assertTrue(query.sql(false)
                .contains(" WHERE (\"t\".\"tenant\", \"t\".\"id\") > (($1::text[])[1]::integer, ($1::text[])[2]::uuid)"
                        + " ORDER BY \"t\".\"tenant\", \"t\".\"id\" LIMIT 10)"));
        assertTrue(query.sql(true).contains(" WHERE $1::text[] IS NULL ORDER BY \"t\".\"tenant\", \"t\".\"id\""));
        assertEquals("tenant, id", query.keyNames());
    }

    @Test
    void backfilledScopeComparesXminWithTheLedgersXidsWithoutEpoch() {
        assertEquals(
                "\"t\".xmin::text::int8 IN (SELECT b.backfill_xid::text::int8 % 4294967296"
                        + " FROM colshift.batches AS b WHERE b.migration_id = $2 AND b.backfill_xid IS NOT NULL)",
                ValueConsistencyCheck.BACKFILLED_SCOPE.formatted("\"t\""));
    }
}
