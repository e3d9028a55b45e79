package dev.colshift.verifier.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.InvalidEventException;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.StoredPlan;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.PlannedStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads one migration from the planner's ledger ({@code colshift.migrations}); the verifier never writes it. */
@ApplicationScoped
public class MigrationReader {

    /** The migration, or a null item when the ledger has no migration with that id. */
    public Uni<MigrationUnderCheck> find(SqlConnection db, String id) {
        return db.preparedQuery("""
                SELECT id, spec::text AS spec, plan::text AS plan, table_schema, table_name, column_name, key_column,
                  backfill_sql, range_lower, range_upper, batches_total, key_columns::text AS key_columns, key_min,
                  key_max
                FROM colshift.migrations WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows ->
                        rows.size() == 0 ? null : toMigration(rows.iterator().next()));
    }

    /** The migration's phase as the ledger has it now, or a null item when there is no such migration. */
    public Uni<Phase> phase(SqlConnection db, String id) {
        return db.preparedQuery("SELECT phase FROM colshift.migrations WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? null
                        : Phase.recorded(rows.iterator().next().getString("phase")));
    }

    private static MigrationUnderCheck toMigration(Row r) {
        String id = r.getString("id");
        StoredPlan plan = plan(id, r.getString("plan"));
        return new MigrationUnderCheck(
                id,
                spec(id, r.getString("spec")),
                r.getString("table_schema"),
                r.getString("table_name"),
                r.getString("column_name"),
                r.getString("key_column"),
                plan.canonicalType(),
                plannedSteps(plan),
                r.getString("backfill_sql"),
                r.getLong("range_lower"),
                r.getLong("range_upper"),
                r.getLong("batches_total"),
                key(id, r.getString("key_columns")),
                textList(r.getArrayOfStrings("key_min")),
                textList(r.getArrayOfStrings("key_max")),
                plan.watchQueries());
    }

    /** The plan as the contract {@link StoredPlan} has it; one its schema does not allow is unreadable. */
    static StoredPlan plan(String id, String planJson) {
        try {
            return StoredPlan.read(planJson);
        } catch (InvalidEventException e) {
            throw new UnreadableLedgerException(id, e.getMessage(), e);
        }
    }

    private static List<KeyColumn> key(String id, String keyJson) {
        if (keyJson == null) {
            return null;
        }
        try {
            return List.of(EventCodec.mapper().readValue(keyJson, KeyColumn[].class));
        } catch (JsonProcessingException e) {
            throw new UnreadableLedgerException(id, "unreadable key columns", e);
        }
    }

    private static List<String> textList(String[] values) {
        return values == null ? null : List.of(values);
    }

    static MigrationSpec spec(String id, String specJson) {
        try {
            return EventCodec.mapper().treeToValue(json(id, specJson), MigrationSpec.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableLedgerException(id, "unreadable spec", e);
        }
    }

    static List<PlannedStep> plannedSteps(StoredPlan plan) {
        return plan.steps().stream()
                .map(step -> new PlannedStep(step.id(), step.phase(), step.statements(), step.createsIndex()))
                .toList();
    }

    static JsonNode json(String id, String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableLedgerException(id, "unreadable JSON", e);
        }
    }
}
