package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyset walk's SQL, compared as strings: row-value comparisons, text bounds cast by PostgreSQL, quoting. */
class KeysetSqlTest {
    private static final KeysetSql SINGLE = new KeysetSql("\"public\".\"users\"", List.of(new KeyColumn("id", "uuid")));
    private static final KeysetSql COMPOSITE = new KeysetSql(
            "\"s\".\"orders\"", List.of(new KeyColumn("tenant", "integer"), new KeyColumn("order id", "text")));

    @Test
    void boundsAreTextParametersCastToTheColumnTypes() {
        assertEquals("($1::text::uuid)", SINGLE.bound(1));
        assertEquals("($3::text::integer, $4::text::text)", COMPOSITE.bound(3));
    }

    @Test
    void rangesCompareRowValuesHalfOpenOrWithTheLastKeyIncluded() {
        assertEquals("(\"id\") >= ($1::text::uuid) AND (\"id\") < ($2::text::uuid)", SINGLE.rangeCondition(false));
        assertEquals(
                "(\"tenant\", \"order id\") >= ($1::text::integer, $2::text::text)"
                        + " AND (\"tenant\", \"order id\") <= ($3::text::integer, $4::text::text)",
                COMPOSITE.rangeCondition(true));
    }

    @Test
    void firstAndLastKeysAreIndexProbes() {
        assertEquals(
                "SELECT ARRAY[\"tenant\"::text, \"order id\"::text] AS key FROM \"s\".\"orders\""
                        + " ORDER BY \"tenant\", \"order id\" LIMIT 1",
                COMPOSITE.firstKey());
        assertEquals(
                "SELECT ARRAY[\"tenant\"::text, \"order id\"::text] AS key FROM \"s\".\"orders\""
                        + " ORDER BY \"tenant\" DESC, \"order id\" DESC LIMIT 1",
                COMPOSITE.lastKey());
    }

    @Test
    void theNextLowerBoundIsTheKeyABatchOnWithinTheCapturedMaximum() {
        assertEquals(
                "SELECT ARRAY[\"id\"::text] AS key FROM \"public\".\"users\""
                        + " WHERE (\"id\") >= ($1::text::uuid) AND (\"id\") <= ($2::text::uuid)"
                        + " ORDER BY \"id\" OFFSET 1000 LIMIT 1",
                SINGLE.nextLowerBound(1000));
        assertThrows(IllegalArgumentException.class, () -> SINGLE.nextLowerBound(0));
    }

    @Test
    void rowsAreCountedUpToALimit() {
        assertEquals(
                "SELECT count(*)::int AS rows FROM (SELECT 1 FROM \"public\".\"users\""
                        + " WHERE (\"id\") >= ($1::text::uuid) AND (\"id\") <= ($2::text::uuid) LIMIT 250) AS counted",
                SINGLE.rowsUpTo(250));
        assertThrows(IllegalArgumentException.class, () -> SINGLE.rowsUpTo(0));
    }

    @Test
    void identifiersAreQuotedWhateverTheyHold() {
        KeysetSql odd = new KeysetSql("\"t\"", List.of(new KeyColumn("a\"; DROP TABLE t; --", "bigint")));
        assertEquals("(\"a\"\"; DROP TABLE t; --\")", odd.row());
    }

    @Test
    void aKeyHasColumns() {
        assertThrows(IllegalArgumentException.class, () -> new KeysetSql("\"t\"", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new KeyColumn("id", ""));
    }
}
