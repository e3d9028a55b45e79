package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The column change a user asks for. Everything here is user text: the planner checks identifiers against the
 * catalog and has PostgreSQL validate the type and expressions before any of it reaches the target table. The first
 * seven fields are version 1 of the spec; the rest (version 2) describe what an {@code ADD COLUMN} clause and the
 * statements that follow it in a migration file may carry.
 *
 * @param table              table name, optionally schema-qualified ({@code public.users})
 * @param column             new column name
 * @param type               PostgreSQL type, e.g. {@code timestamptz} or {@code varchar(20)}
 * @param defaultExpression  default for rows inserted from now on; may be null
 * @param nullable           whether NULL stays allowed once the migration completes (null means true)
 * @param backfillExpression value for existing rows, evaluated per row; null means the default expression
 * @param batchSize          rows per backfill range; null means the planner's default
 * @param collation          {@code COLLATE} of the column, or null
 * @param checks             {@code CHECK} constraints on the column
 * @param references         a foreign key from the column, or null
 * @param unique             whether the column gets a unique constraint
 * @param primaryKey         whether the column becomes the primary key
 * @param identity           {@code ALWAYS} or {@code BY DEFAULT} for an identity column, else null
 * @param generated          a generated column's expression and kind, or null
 * @param indexes            indexes to build on the table once the column exists
 * @param comment            {@code COMMENT ON COLUMN} text, or null
 * @param ifNotExists        {@code ADD COLUMN IF NOT EXISTS}: an existing column of that name is not an error
 * @param allowHazards       lint rule ids of hazards the requester accepts (e.g. a table rewrite on a small table)
 * @param maintenanceWindows when steps that take an ACCESS EXCLUSIVE lock may run; any time when null or empty
 * @param windowsCoverBackfill whether the backfill, too, starts only inside a window
 * @param watchQueries       read queries that matter to the application: the planner records the plan PostgreSQL
 *                           chooses for each before anything changes, the verifier compares the plan afterwards
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationSpec(
        String table,
        String column,
        String type,
        String defaultExpression,
        Boolean nullable,
        String backfillExpression,
        Integer batchSize,
        String collation,
        List<CheckSpec> checks,
        ForeignKeySpec references,
        Boolean unique,
        Boolean primaryKey,
        String identity,
        GeneratedSpec generated,
        List<IndexSpec> indexes,
        String comment,
        Boolean ifNotExists,
        List<String> allowHazards,
        List<WindowSpec> maintenanceWindows,
        Boolean windowsCoverBackfill,
        List<String> watchQueries) {

    /** A version 1 spec. */
    public MigrationSpec(
            String table,
            String column,
            String type,
            String defaultExpression,
            Boolean nullable,
            String backfillExpression,
            Integer batchSize) {
        this(
                table,
                column,
                type,
                defaultExpression,
                nullable,
                backfillExpression,
                batchSize,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A version 2 spec without maintenance windows. */
    public MigrationSpec(
            String table,
            String column,
            String type,
            String defaultExpression,
            Boolean nullable,
            String backfillExpression,
            Integer batchSize,
            String collation,
            List<CheckSpec> checks,
            ForeignKeySpec references,
            Boolean unique,
            Boolean primaryKey,
            String identity,
            GeneratedSpec generated,
            List<IndexSpec> indexes,
            String comment,
            Boolean ifNotExists,
            List<String> allowHazards) {
        this(
                table,
                column,
                type,
                defaultExpression,
                nullable,
                backfillExpression,
                batchSize,
                collation,
                checks,
                references,
                unique,
                primaryKey,
                identity,
                generated,
                indexes,
                comment,
                ifNotExists,
                allowHazards,
                null,
                null);
    }

    /** A version 2 spec without watch queries. */
    public MigrationSpec(
            String table,
            String column,
            String type,
            String defaultExpression,
            Boolean nullable,
            String backfillExpression,
            Integer batchSize,
            String collation,
            List<CheckSpec> checks,
            ForeignKeySpec references,
            Boolean unique,
            Boolean primaryKey,
            String identity,
            GeneratedSpec generated,
            List<IndexSpec> indexes,
            String comment,
            Boolean ifNotExists,
            List<String> allowHazards,
            List<WindowSpec> maintenanceWindows,
            Boolean windowsCoverBackfill) {
        this(
                table,
                column,
                type,
                defaultExpression,
                nullable,
                backfillExpression,
                batchSize,
                collation,
                checks,
                references,
                unique,
                primaryKey,
                identity,
                generated,
                indexes,
                comment,
                ifNotExists,
                allowHazards,
                maintenanceWindows,
                windowsCoverBackfill,
                null);
    }

    /** A recurring maintenance window: local times {@code HH:MM} in a time zone, on some days (every day if none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WindowSpec(String start, String end, String timeZone, List<String> days) {}

    /** A {@code CHECK (expression)} constraint; {@code name} null lets the planner name it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckSpec(String name, String expression) {}

    /**
     * {@code REFERENCES table (column) ON DELETE ... ON UPDATE ... [DEFERRABLE [INITIALLY DEFERRED]]}; {@code column}
     * null means its primary key.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForeignKeySpec(
            String table, String column, String onDelete, String onUpdate, String name, String deferrable) {
        public ForeignKeySpec(String table, String column, String onDelete, String onUpdate, String name) {
            this(table, column, onDelete, onUpdate, name, null);
        }
    }

    /** {@code GENERATED ALWAYS AS (expression) STORED|VIRTUAL}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GeneratedSpec(String expression, String kind) {}

    /**
     * {@code CREATE [UNIQUE] INDEX name ON table USING method (keys) WHERE predicate}; each key is a column name or
     * an expression, optionally with an operator class or ordering.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndexSpec(String name, Boolean unique, String method, List<String> keys, String where) {
        @JsonIgnore // a helper, not a field: the component is unique
        public boolean isUnique() {
            return unique != null && unique;
        }
    }

    /** The same change, accepting these hazards. */
    public MigrationSpec withAllowHazards(List<String> hazards) {
        return with(hazards == null || hazards.isEmpty() ? null : List.copyOf(hazards), watchQueries);
    }

    /** The same change, watching these queries (none: as it was). */
    public MigrationSpec withWatchQueries(List<String> queries) {
        return queries == null || queries.isEmpty() ? this : with(allowHazards, List.copyOf(queries));
    }

    private MigrationSpec with(List<String> hazards, List<String> queries) {
        return new MigrationSpec(
                table,
                column,
                type,
                defaultExpression,
                nullable,
                backfillExpression,
                batchSize,
                collation,
                checks,
                references,
                unique,
                primaryKey,
                identity,
                generated,
                indexes,
                comment,
                ifNotExists,
                hazards,
                maintenanceWindows,
                windowsCoverBackfill,
                queries);
    }

    /** The watch queries, none when absent. */
    public List<String> watchQueryList() {
        return watchQueries == null ? List.of() : watchQueries;
    }

    public boolean allowsNull() {
        return (nullable == null || nullable) && !isPrimaryKey();
    }

    @JsonIgnore // a helper, not a field: the component is unique
    public boolean isUnique() {
        return unique != null && unique;
    }

    @JsonIgnore // a helper, not a field: the component is primaryKey
    public boolean isPrimaryKey() {
        return primaryKey != null && primaryKey;
    }

    public List<CheckSpec> checkList() {
        return checks == null ? List.of() : checks;
    }

    public List<IndexSpec> indexList() {
        return indexes == null ? List.of() : indexes;
    }

    public boolean allows(String hazard) {
        return allowHazards != null && allowHazards.contains(hazard);
    }

    /** The expression existing rows are filled with, or null when they stay NULL. */
    public String effectiveBackfillExpression() {
        return backfillExpression != null ? backfillExpression : defaultExpression;
    }
}
