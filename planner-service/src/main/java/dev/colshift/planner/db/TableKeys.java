package dev.colshift.planner.db;

import dev.colshift.schemas.KeyColumn;
import java.util.List;

/**
 * Chooses the key a backfill walks from the table's unique btree indexes: the primary key, else a unique index whose
 * columns are all NOT NULL, plain ascending columns in their own collation (so row-value comparisons in the column's
 * collation are answered by the index), neither partial nor over expressions; the fewest columns first. Pure.
 */
public final class TableKeys {
    private TableKeys() {}

    /**
     * One unique index as the catalog describes it.
     *
     * @param plainColumns columns only, no expression, no predicate, a valid btree
     * @param ascending    every column ascending, nulls last, in the column's own collation
     */
    public record UniqueIndex(
            String name,
            boolean primary,
            List<KeyColumn> columns,
            boolean allNotNull,
            boolean plainColumns,
            boolean ascending) {

        boolean usable() {
            return primary || (allNotNull && plainColumns && ascending);
        }
    }

    /** The chosen key, or why there is none. */
    public record Choice(List<KeyColumn> key, String index, String problem) {}

    public static Choice choose(List<UniqueIndex> indexes) {
        return indexes.stream()
                .filter(UniqueIndex::usable)
                .sorted(java.util.Comparator.comparing((UniqueIndex i) -> !i.primary())
                        .thenComparing(i -> i.columns().size())
                        .thenComparing(UniqueIndex::name))
                .findFirst()
                .map(i -> new Choice(i.columns(), i.name(), null))
                .orElseGet(() -> new Choice(List.of(), null, problem(indexes)));
    }

    private static String problem(List<UniqueIndex> indexes) {
        if (indexes.isEmpty()) {
            return "it has no primary key and no unique index to walk in key ranges";
        }
        return "it has no primary key, and no unique index is over NOT NULL columns only (plain, ascending, in the"
                + " columns' collations, not partial): "
                + String.join(", ", indexes.stream().map(UniqueIndex::name).toList());
    }
}
