package dev.colshift.planner.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WatchQueryTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT id FROM orders WHERE customer = 7",
                "select * from orders;",
                "WITH recent AS (SELECT * FROM orders WHERE id > 10) SELECT count(*) FROM recent",
                "SELECT id FROM orders WHERE note = 'delete; insert into x' -- update",
                "SELECT id FROM orders FOR UPDATE",
                "SELECT id FROM orders FOR NO KEY UPDATE",
                "SELECT \"update\" FROM orders",
                "VALUES (1)",
                "TABLE orders"
            })
    void oneReadStatementPasses(String sql) {
        assertNull(WatchQueryText.problem(sql), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            UPDATE orders SET x = 1                                 | is not a read query: it must start with
            SELECT 1; SELECT 2                                      | holds more than one statement
            SELECT 1; DROP TABLE orders                             | holds more than one statement
            WITH d AS (DELETE FROM orders RETURNING *) SELECT 1     | is not a read query: 'DELETE' writes
            SELECT * INTO copy FROM orders                          | is not a read query: 'INTO' writes
            SELECT * FROM orders WHERE id = $1                      | has a parameter ($1)
            SELECT 'unterminated                                    | cannot be read
            ;                                                       | is empty
            """)
    void anythingElseIsRefusedWithTheReason(String sql, String reason) {
        String problem = WatchQueryText.problem(sql);
        assertTrue(problem != null && problem.startsWith(reason), sql + " -> " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SELECT id FROM orders WHERE tier = 2        | tier     | true
            SELECT id FROM orders WHERE "Tier" = 2      | Tier     | true
            SELECT id FROM orders WHERE TIER = 2        | tier     | true
            SELECT id FROM orders WHERE note = 'tier'   | tier     | false
            SELECT id FROM orders                       | tier     | false
            """)
    void mentionsTheColumnByNameNotInAString(String sql, String column, boolean mentions) {
        assertEquals(mentions, WatchQueryText.mentions(sql, column));
        assertFalse(WatchQueryText.mentions("SELECT 'x", column));
    }
}
