package dev.colshift.verifier.db;

import java.util.List;

/**
 * What the requested change looks like in PostgreSQL's own words, learnt by {@link ShapeProbe} from a throwaway copy
 * of the table: the column (type, collation, default as pg_get_expr prints it), each CHECK expression, the unique
 * index and each requested index. Checks compare the real objects with these rather than with the request's text.
 *
 * @param column                the probe's column, or null when the probe failed (see {@code problem})
 * @param checkExpressions      pg_get_expr of each requested CHECK, in the spec's order
 * @param uniqueIndex           the shape a UNIQUE / PRIMARY KEY index on the column has, or null when none is asked
 * @param indexes               each requested index's shape, in the spec's order
 * @param backfillComparable    whether the backfill expression is immutable and reads only the row, so evaluating it
 *                              again must give what the backfill stored
 * @param backfillNote          why it is not comparable (PostgreSQL's words), or null
 * @param problem               why the probe could not run, or null
 * @param sql                   the statements the probe ran (all rolled back)
 */
public record RequestedShape(
        ColumnFacts column,
        List<String> checkExpressions,
        IndexShape uniqueIndex,
        List<IndexShape> indexes,
        boolean backfillComparable,
        String backfillNote,
        String problem,
        List<String> sql) {

    public RequestedShape {
        checkExpressions = checkExpressions == null ? List.of() : List.copyOf(checkExpressions);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        sql = sql == null ? List.of() : List.copyOf(sql);
    }

    static RequestedShape failed(String problem, List<String> sql) {
        return new RequestedShape(null, null, null, null, false, null, problem, sql);
    }
}
