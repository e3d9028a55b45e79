package dev.colshift.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;

/**
 * The plan as the planner stores it in {@code colshift.migrations.plan}, as far as other services may rely on it: a
 * versioned contract ({@code stored-plan-v1.schema.json}) like the events. The planner stores more (rehearsal
 * observations, estimates, undo steps, lint findings); those are its own and may change without notice.
 *
 * @param canonicalType     the column type as PostgreSQL spells it ({@code format_type})
 * @param backfillStatement the per-range UPDATE ({@code $1}, {@code $2} are the bounds), or null when there is none
 * @param watchQueries      the requester's watch queries with their plans before the migration
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredPlan(
        int schemaVersion,
        String migrationId,
        String schema,
        String table,
        String column,
        String keyColumn,
        String canonicalType,
        int batchSize,
        String backfillStatement,
        List<Step> steps,
        List<WatchedQuery> watchQueries) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_FILE = "stored-plan-v1.schema.json";

    public StoredPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        watchQueries = watchQueries == null ? List.of() : List.copyOf(watchQueries);
    }

    /**
     * One step.
     *
     * @param statements   the SQL it runs (constraint names are read from here)
     * @param createsIndex for a concurrent index build, the index it creates ({@code "schema"."name"}), else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String id, Phase phase, List<String> statements, String createsIndex) {
        public Step {
            statements = statements == null ? List.of() : List.copyOf(statements);
        }
    }

    /** Reads a stored plan, refusing one its schema does not allow. */
    public static StoredPlan read(String json) {
        List<String> errors = EventSchemas.validate(SCHEMA_FILE, json);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("stored plan violates " + SCHEMA_FILE + ": " + String.join("; ", errors));
        }
        try {
            return EventCodec.mapper().readValue(json, StoredPlan.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot read the stored plan: " + e.getOriginalMessage(), e);
        }
    }
}
