package dev.colshift.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.KeyRange;
import dev.colshift.schemas.KeysetSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads a migration's backfill statements and ranges from {@code colshift.migrations} and {@code colshift.ranges}. */
@ApplicationScoped
public class BackfillTargets {
    private final Pool pool;

    public BackfillTargets(Pool pool) {
        this.pool = pool;
    }

    /** The migration's backfill, or null when the ledger has no such migration. */
    public Uni<BackfillTarget> find(String migrationId) {
        return pool.preparedQuery("""
                SELECT phase, backfill_sql, range_lower, range_upper, batches_total, batch_size, backfill_last_sql,
                  table_schema, table_name, key_columns::text AS key_columns, walk_batch_size
                FROM colshift.migrations WHERE id = $1""").execute(Tuple.of(migrationId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new BackfillTarget(
                    migrationId,
                    r.getString("phase"),
                    r.getString("backfill_sql"),
                    r.getLong("range_lower"),
                    r.getLong("range_upper"),
                    r.getLong("batches_total"),
                    r.getInteger("batch_size"),
                    r.getString("backfill_last_sql"),
                    keyset(r),
                    r.getInteger("walk_batch_size"));
        });
    }

    private static KeysetSql keyset(Row r) {
        String key = r.getString("key_columns");
        if (key == null) {
            return null;
        }
        try {
            KeyColumn[] columns = EventCodec.mapper().readValue(key, KeyColumn[].class);
            return KeysetSql.of(r.getString("table_schema"), r.getString("table_name"), List.of(columns));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("the ledger's key columns cannot be read: " + key, e);
        }
    }

    /** The stored keyset range with this id, or null when the migration has none such (or integer ranges). */
    public Uni<KeyRange> storedRange(BackfillTarget target, long rangeId) {
        if (!target.keysetRanges()) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                SELECT lower_key, upper_key, upper_inclusive FROM colshift.ranges
                WHERE migration_id = $1 AND range_id = $2""")
                .execute(Tuple.of(target.migrationId(), rangeId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new KeyRange(
                            rangeId,
                            List.of(r.getArrayOfStrings("lower_key")),
                            List.of(r.getArrayOfStrings("upper_key")),
                            r.getBoolean("upper_inclusive"));
                });
    }
}
