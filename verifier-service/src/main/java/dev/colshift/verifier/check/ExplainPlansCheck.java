package dev.colshift.verifier.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.WatchedQuery;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.SqlNames;
import dev.colshift.verifier.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No watch query got a worse plan: each is planned again ({@code EXPLAIN (FORMAT JSON)}, never run, in a read-only
 * transaction that is rolled back) and compared with the plan the planner recorded before the migration
 * ({@link ExplainDiff}). Applies only to migrations whose request listed watch queries.
 */
@ApplicationScoped
public class ExplainPlansCheck implements VerificationCheck {
    static final String NAME = "explain-plans";
    private static final int QUERY_SHOWN = 80;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean appliesTo(MigrationUnderCheck migration) {
        return migration.ledgered() && !migration.watchQueries().isEmpty();
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        List<String> newIndexes = PlannedObjects.indexes(m, context.requested()).stream()
                .map(index -> SqlNames.unqualified(index.name()))
                .toList();
        int limit = context.config().explainCostGrowthPercent();
        List<String> regressions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        long[] regressedQueries = {0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<WatchedQuery> queries = m.watchQueries();
        for (int i = 0; i < queries.size(); i++) {
            WatchedQuery query = queries.get(i);
            String label = "query " + (i + 1) + " (" + shown(query.sql()) + ")";
            String explain = "EXPLAIN (FORMAT JSON) " + query.sql();
            sql.add(explain);
            chain = chain.chain(() -> context.db()
                            .readOnly(db -> db.preparedQuery(explain).execute())
                            .map(rows ->
                                    planNode(rows.iterator().next().getValue(0).toString())))
                    .invoke(after -> {
                        ExplainDiff.Findings found = ExplainDiff.compare(query.planBefore(), after, limit, newIndexes);
                        if (found.regressed()) {
                            regressedQueries[0]++;
                        }
                        found.regressions().forEach(r -> regressions.add(label + ": " + r));
                        found.notes().forEach(n -> notes.add(label + ": " + n));
                    })
                    .onFailure(e -> !TransientFailures.isTransient(e))
                    .recoverWithItem(e -> {
                        regressedQueries[0]++;
                        regressions.add(label + ": no longer plans: " + e.getMessage());
                        return null;
                    })
                    .replaceWithVoid();
        }
        return chain.map(ignored -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("queries", (long) queries.size());
            counts.put("regressedQueries", regressedQueries[0]);
            CheckOutcome outcome = regressions.isEmpty()
                    ? CheckOutcome.pass(NAME, String.join("; ", notes))
                    : CheckOutcome.fail(NAME, String.join("; ", regressions));
            return outcome.withEvidence(counts, List.of()).withSql(sql);
        });
    }

    static JsonNode planNode(String explainJson) {
        try {
            return EventCodec.mapper().readTree(explainJson).path(0).path("Plan");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EXPLAIN answered something other than JSON", e);
        }
    }

    private static String shown(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUERY_SHOWN ? oneLine : oneLine.substring(0, QUERY_SHOWN - 1) + "…";
    }
}
