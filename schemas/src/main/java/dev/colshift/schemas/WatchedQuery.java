package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A read query the requester says matters ({@code watchQueries} in the spec), with the plan PostgreSQL chose for it
 * before the migration changed anything. The verifier plans it again afterwards and compares.
 *
 * @param sql        the query text, one read-only statement, as the requester wrote it
 * @param planBefore the {@code Plan} object of {@code EXPLAIN (FORMAT JSON)} at intake; null when the query reads the
 *                   new column, which did not exist yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchedQuery(String sql, JsonNode planBefore) {

    /** Whether the query could only be planned once the new column existed. */
    public boolean readsNewColumn() {
        return planBefore == null;
    }
}
