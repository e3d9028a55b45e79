package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.qualified;
import static dev.colshift.planner.spec.Identifiers.quote;

/** A table (and one of its columns) as resolved in the catalog, e.g. the target of a foreign key. */
public record TableRef(String schema, String table, String column) {
    public String quotedTable() {
        return qualified(schema, table);
    }

    public String quotedColumn() {
        return quote(column);
    }
}
