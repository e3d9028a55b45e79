package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The column change a user asks for. Everything here is user text: the planner checks identifiers against the
 * catalog and has PostgreSQL validate the type and expressions before any of it reaches the target table.
 *
 * @param table              table name, optionally schema-qualified ({@code public.users})
 * @param column             new column name
 * @param type               PostgreSQL type, e.g. {@code timestamptz} or {@code varchar(20)}
 * @param defaultExpression  default for rows inserted from now on; may be null
 * @param nullable           whether NULL stays allowed once the migration completes (null means true)
 * @param backfillExpression value for existing rows, evaluated per row; null means the default expression
 * @param batchSize          rows per backfill range; null means the planner's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationSpec(
        String table,
        String column,
        String type,
        String defaultExpression,
        Boolean nullable,
        String backfillExpression,
        Integer batchSize) {

    public boolean allowsNull() {
        return nullable == null || nullable;
    }

    /** The expression existing rows are filled with, or null when they stay NULL. */
    public String effectiveBackfillExpression() {
        return backfillExpression != null ? backfillExpression : defaultExpression;
    }
}
