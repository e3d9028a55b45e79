package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.check.PlannedObjects.PlannedIndex;
import dev.colshift.verifier.db.IndexShape;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every index the plan built concurrently exists on the table, is {@code indisvalid} and {@code indisready} (a failed
 * {@code CREATE INDEX CONCURRENTLY} leaves one that is neither, yet {@code IF NOT EXISTS} would accept it), and has the
 * requested definition: method, uniqueness, keys and predicate as PostgreSQL deparses them.
 */
@ApplicationScoped
public class IndexesValidCheck implements VerificationCheck {
    static final String NAME = "indexes-valid";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckOutcome> run(MigrationUnderCheck m, CheckContext context) {
        List<PlannedIndex> planned = PlannedObjects.indexes(m, context.requested());
        if (planned.isEmpty()) {
            return Uni.createFrom().item(CheckOutcome.pass(NAME, "the plan builds no index"));
        }
        return context.db().readOnly(db -> findAll(db, m, planned)).map(found -> {
            List<String> problems = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                String problem = evaluate(
                        planned.get(i), found.tableOid(), found.indexes().get(i));
                if (problem != null) {
                    problems.add(problem);
                } else {
                    seen.add(found.indexes().get(i).definition());
                }
            }
            CheckOutcome outcome = problems.isEmpty()
                    ? CheckOutcome.pass(NAME, "valid and ready: " + String.join("; ", seen))
                    : CheckOutcome.fail(NAME, String.join("; ", problems));
            return outcome.withEvidence(
                            Map.of("planned", (long) planned.size(), "failing", (long) problems.size()), List.of())
                    .withSql(List.of(IndexShape.sql().strip()));
        });
    }

    private record Found(Long tableOid, List<IndexShape.Found> indexes) {}

    private static Uni<Found> findAll(SqlConnection db, MigrationUnderCheck m, List<PlannedIndex> planned) {
        List<IndexShape.Found> found = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlannedIndex index : planned) {
            chain = chain.chain(() -> IndexShape.find(db, index.name()))
                    .invoke(found::add)
                    .replaceWithVoid();
        }
        return chain.chain(() ->
                        db.preparedQuery("SELECT to_regclass($1)::int8 AS oid").execute(Tuple.of(m.quotedTable())))
                .map(rows -> new Found(rows.iterator().next().getLong("oid"), found));
    }

    /** What is wrong with one planned index, or null when it is as planned. */
    static String evaluate(PlannedIndex planned, Long tableOid, IndexShape.Found found) {
        String name = "index " + planned.name();
        if (found == null) {
            return name + " is missing";
        }
        List<String> problems = new ArrayList<>();
        if (!found.valid()) {
            problems.add("INVALID (indisvalid is false)");
        }
        if (!found.ready()) {
            problems.add("not ready (indisready is false)");
        }
        if (!Objects.equals(tableOid, found.tableOid())) {
            problems.add("is on " + found.tableName());
        }
        if (planned.shape() != null && !planned.shape().equals(found.shape())) {
            problems.add("is " + found.shape() + ", spec asks for " + planned.shape());
        }
        return problems.isEmpty() ? null : name + ": " + String.join(", ", problems);
    }
}
