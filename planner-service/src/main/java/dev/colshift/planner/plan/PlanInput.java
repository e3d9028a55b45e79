package dev.colshift.planner.plan;

import static dev.colshift.planner.spec.Identifiers.qualified;
import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.schemas.HelperObjects;
import dev.colshift.schemas.MigrationSpec;
import java.util.Locale;
import java.util.Map;

/** The spec and catalog facts an {@link Operation} plans from, with the names and decisions every operation shares. */
public record PlanInput(String migrationId, MigrationSpec spec, CatalogFacts facts) {
    /** serial pseudo-types: a sequence, an integer column defaulting to it, NOT NULL. */
    private static final Map<String, String> SERIAL_TYPES = Map.of(
            "smallserial", "smallint",
            "serial2", "smallint",
            "serial", "integer",
            "serial4", "integer",
            "bigserial", "bigint",
            "serial8", "bigint");

    public String qualifiedTable() {
        return qualified(facts.schema(), facts.table());
    }

    public String alterTable() {
        return "ALTER TABLE " + qualifiedTable();
    }

    public String quotedColumn() {
        return quote(spec.column());
    }

    /** The step id for an action on this table and column, e.g. {@code expand:public.users:last_login}. */
    public String stepId(String action) {
        return action + ":" + facts.schema() + "." + facts.table() + ":" + spec.column();
    }

    /** How the column is added; decided from the spec and PostgreSQL's verdict on the one-statement form. */
    public ColumnPath path() {
        if (spec.identity() != null || isStoredGenerated()) {
            return ColumnPath.DIRECT_REWRITE; // only reaches the planner when the requester allowed the rewrite
        }
        if (isSerial() || spec.backfillExpression() != null) {
            return ColumnPath.BACKFILL;
        }
        ColumnProbe probe = facts.probe();
        if (probe == null || !probe.metadataOnly()) {
            return spec.allows("table-rewrite") && probe != null ? ColumnPath.DIRECT_REWRITE : ColumnPath.BACKFILL;
        }
        return ColumnPath.METADATA_ONLY;
    }

    /** NOT NULL once the migration completes: asked for, or implied by a primary key or a serial type. */
    public boolean notNull() {
        return !spec.allowsNull() || isSerial();
    }

    public boolean isSerial() {
        return SERIAL_TYPES.containsKey(spec.type().trim().toLowerCase(Locale.ROOT));
    }

    public boolean isStoredGenerated() {
        return spec.generated() != null && !"VIRTUAL".equals(spec.generated().kind());
    }

    /** The column's type as PostgreSQL spells it; for a serial type, the integer type under it. */
    public String columnType() {
        String serial = SERIAL_TYPES.get(spec.type().trim().toLowerCase(Locale.ROOT));
        return serial != null ? serial : facts.canonicalType();
    }

    /** The sequence a serial column draws from ({@code "schema"."table_column_seq"}), or null. */
    public String sequence() {
        return isSerial() ? qualified(facts.schema(), ObjectNames.of(facts.table(), spec.column(), "seq")) : null;
    }

    /** The default for new rows: the spec's, or for a serial column the next value of its sequence. */
    public String defaultExpression() {
        if (isSerial()) {
            return "nextval(" + SqlLiterals.quote(sequence()) + "::regclass)";
        }
        return spec.defaultExpression();
    }

    /** The value existing rows are filled with, or null when they stay NULL. */
    public String backfillExpression() {
        return spec.backfillExpression() != null ? spec.backfillExpression() : defaultExpression();
    }

    /**
     * Rows written by the application during the migration must get the backfill value too. A default does that for
     * inserts when it is the backfill expression; otherwise a fill-if-null trigger has to.
     */
    public boolean needsFillTrigger() {
        String backfill = spec.backfillExpression();
        return path() == ColumnPath.BACKFILL && backfill != null && !backfill.equals(spec.defaultExpression());
    }

    public boolean needsBackfill() {
        return path() == ColumnPath.BACKFILL && backfillExpression() != null;
    }

    private String helperSchema() {
        return facts.helperSchema() != null ? facts.helperSchema() : HelperObjects.FUNCTION_SCHEMA;
    }

    public String fillFunction() {
        return quote(helperSchema()) + "." + quote(HelperObjects.fillTrigger(migrationId));
    }

    public String fillTrigger() {
        return quote(HelperObjects.fillTrigger(migrationId));
    }

    public String notNullCheck() {
        return quote(HelperObjects.notNullCheck(migrationId));
    }

    /** A name the table's schema will hold (index, sequence): {@code "schema"."name"}. */
    public String inTableSchema(String name) {
        return qualified(facts.schema(), name);
    }
}
