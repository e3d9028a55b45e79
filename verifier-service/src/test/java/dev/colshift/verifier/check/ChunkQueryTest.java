package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChunkQueryTest {
    @Test
    void keysetChunkCountsScopeAndHitsAndSamplesKeysInOrder() {
        ChunkQuery query = new ChunkQuery(
                "\"public\".\"users\"", "\"users\"", "\"id\"", "true", "\"users\".\"c\" IS NULL", 10000, 5);
        assertEquals(
                "SELECT count(*) AS rows_seen, max(k) AS last_key, count(*) FILTER (WHERE in_scope) AS in_scope,"
                        + " count(*) FILTER (WHERE in_scope AND hit) AS hits,"
                        + " (array_agg(k ORDER BY k) FILTER (WHERE in_scope AND hit))[1:5] AS sample_keys"
                        + " FROM (SELECT \"users\".\"id\"::int8 AS k, (true) AS in_scope,"
                        + " (\"users\".\"c\" IS NULL) AS hit FROM \"public\".\"users\" AS \"users\""
                        + " WHERE \"users\".\"id\" > $1::int8 ORDER BY \"users\".\"id\" LIMIT 10000) AS chunk",
                query.sql());
    }

    @Test
    void backfilledScopeComparesXminWithTheLedgersXidsWithoutEpoch() {
        assertEquals(
                "\"t\".xmin::text::int8 IN (SELECT b.backfill_xid::text::int8 % 4294967296"
                        + " FROM colshift.batches AS b WHERE b.migration_id = $2 AND b.backfill_xid IS NOT NULL)",
                ValueConsistencyCheck.BACKFILLED_SCOPE.formatted("\"t\""));
    }
}
