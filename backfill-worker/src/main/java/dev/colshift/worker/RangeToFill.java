package dev.colshift.worker;

import dev.colshift.schemas.BackfillBatch;
import dev.colshift.schemas.KeyRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The range a worker fills, as the ledger has it: a stored keyset range (text bounds, cast by PostgreSQL), or an
 * integer range of a migration planned before keyset ranges.
 *
 * @param keys the stored keyset range, or null for an integer range
 */
public record RangeToFill(long rangeId, KeyRange keys, Long lowerBound, Long upperBound) {

    public static RangeToFill keyset(KeyRange stored) {
        return new RangeToFill(stored.rangeId(), stored, null, null);
    }

    public static RangeToFill integer(BackfillBatch batch) {
        return new RangeToFill(batch.rangeId(), null, batch.lowerBound(), batch.upperBound());
    }

    /** The ledger's UPDATE for this range: the last keyset range includes its upper bound. */
    public String statement(BackfillTarget target) {
        return keys != null && keys.upperInclusive() ? target.backfillLastSql() : target.backfillSql();
    }

    /** The UPDATE's parameters: the lower bound's values, then the upper bound's. */
    public List<Object> parameters() {
        List<Object> values = new ArrayList<>();
        if (keys == null) {
            values.add(lowerBound);
            values.add(upperBound);
        } else {
            values.addAll(keys.lower());
            values.addAll(keys.upper());
        }
        return values;
    }

    public String[] lowerKey() {
        return keys == null ? null : keys.lower().toArray(String[]::new);
    }

    public String[] upperKey() {
        return keys == null ? null : keys.upper().toArray(String[]::new);
    }
}
