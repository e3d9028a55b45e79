package dev.colshift.planner.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.planner.PlannerConfig;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.planner.sql.WatchQueryText;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.WatchedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans each watch query of a spec with {@code EXPLAIN (FORMAT JSON)} before anything changes, so the verifier can
 * compare afterwards. A query is never run: its text, checked to be one read statement ({@link WatchQueryText}),
 * reaches only {@code EXPLAIN} without ANALYZE, sent as one prepared statement (PostgreSQL refuses a second command
 * in it) inside a {@code READ ONLY} transaction under a statement timeout that is always rolled back. A query
 * PostgreSQL refuses refuses the whole request; one that reads the new column cannot be planned yet and is recorded
 * without a plan.
 */
@ApplicationScoped
public class WatchQueryPlans {
    private static final String UNDEFINED_COLUMN = "42703";

    private final Pool pool;
    private final PlannerConfig config;

    public WatchQueryPlans(Pool pool, PlannerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Each query with its plan; fails with every problem found when any query is refused. */
    public Uni<List<WatchedQuery>> explain(List<String> queries, String newColumn) {
        if (queries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<SpecProblem> problems = new ArrayList<>();
        if (queries.size() > WatchQueryText.MAX_QUERIES) {
            problems.add(new SpecProblem.OutOfRange(
                    "watchQueries", "holds " + queries.size() + " queries; at most " + WatchQueryText.MAX_QUERIES));
            return Uni.createFrom().failure(new SpecRejectedException(problems));
        }
        List<WatchedQuery> planned = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < queries.size(); i++) {
            String field = "watchQueries[" + i + "]";
            String sql = queries.get(i);
            String textProblem = WatchQueryText.problem(sql);
            if (textProblem != null) {
                problems.add(new SpecProblem.InvalidWatchQuery(field, sql, textProblem));
                continue;
            }
            chain = chain.chain(() -> plan(sql)
                    .invoke(tree -> {
                        if (writes(tree)) {
                            problems.add(new SpecProblem.InvalidWatchQuery(
                                    field, sql, "is not a read query: its plan writes (ModifyTable)"));
                        } else {
                            planned.add(new WatchedQuery(sql, tree));
                        }
                    })
                    .onFailure(PgException.class)
                    .recoverWithItem(e -> {
                        PgException pg = (PgException) e;
                        if (readsTheNewColumn(pg, sql, newColumn)) {
                            planned.add(new WatchedQuery(sql, null));
                        } else {
                            problems.add(new SpecProblem.InvalidWatchQuery(
                                    field, sql, "was refused by PostgreSQL: " + pg.getErrorMessage()));
                        }
                        return null;
                    })
                    .replaceWithVoid());
        }
        return chain.chain(() -> problems.isEmpty()
                ? Uni.createFrom().item(List.copyOf(planned))
                : Uni.createFrom().failure(new SpecRejectedException(problems)));
    }

    /** The {@code Plan} object PostgreSQL chose for the query, in a read-only transaction that is rolled back. */
    private Uni<JsonNode> plan(String sql) {
        return pool.withConnection(db -> db.query("BEGIN ISOLATION LEVEL READ COMMITTED, READ ONLY")
                .execute()
                .chain(() -> db.query("SET LOCAL statement_timeout = '"
                                + config.watchQueryTimeout().toMillis() + "ms'")
                        .execute())
                .chain(() -> db.preparedQuery("EXPLAIN (FORMAT JSON) " + sql).execute())
                .map(rows -> planNode(rows.iterator().next().getValue(0).toString()))
                .eventually(() -> rollback(db)));
    }

    private static Uni<Void> rollback(SqlConnection db) {
        return db.query("ROLLBACK").execute().onFailure().recoverWithNull().replaceWithVoid();
    }

    static JsonNode planNode(String explainJson) {
        try {
            return EventCodec.mapper().readTree(explainJson).path(0).path("Plan");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EXPLAIN answered something other than JSON", e);
        }
    }

    /** Whether any node of the plan writes (a data-modifying statement or WITH). */
    static boolean writes(JsonNode node) {
        if ("ModifyTable".equals(node.path("Node Type").asText())) {
            return true;
        }
        for (JsonNode child : node.path("Plans")) {
            if (writes(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The new column does not exist before the migration, so a query on it cannot be planned yet: PostgreSQL's
     * undefined-column error naming that column, for a query that names it.
     */
    private static boolean readsTheNewColumn(PgException e, String sql, String newColumn) {
        return UNDEFINED_COLUMN.equals(e.getSqlState())
                && WatchQueryText.mentions(sql, newColumn)
                && e.getErrorMessage() != null
                && e.getErrorMessage().contains(newColumn);
    }
}
