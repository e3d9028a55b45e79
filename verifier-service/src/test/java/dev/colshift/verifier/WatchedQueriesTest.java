package dev.colshift.verifier;

import static dev.colshift.verifier.Fixtures.index;
import static dev.colshift.verifier.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.WatchedQuery;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The explain-plan check on real PostgreSQL: the watch queries' plans recorded before the migration (as the planner
 * records them at intake) against the plans after it.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class WatchedQueriesTest extends VerifierScenario {
    private static final String BY_PLAN = "SELECT id FROM public.watched WHERE plan_id = 7";
    private static final String ALL = "SELECT count(*) FROM public.watched";

    /** 20,000 rows, 10 per plan_id, an index on plan_id that the first watch query relies on. */
    private void watchedTable(String table) {
        db.execute(
                "CREATE TABLE public." + table + " (id bigint PRIMARY KEY, plan_id integer NOT NULL)",
                "INSERT INTO public." + table + " SELECT g, g % 2000 FROM generate_series(1, 20000) g",
                "CREATE INDEX " + table + "_plan_id_idx ON public." + table + " (plan_id)",
                "ANALYZE public." + table);
    }

    @Test
    void aWatchedQueryWhoseIndexIsDroppedFailsNamingTheQueryAndTheNodeChange() {
        watchedTable("watched");
        List<WatchedQuery> watch =
                List.of(new WatchedQuery(BY_PLAN, explain(BY_PLAN)), new WatchedQuery(ALL, explain(ALL)));
        LedgerFixture m = Fixtures.planned(
                        newMigrationId(),
                        "watched",
                        new MigrationSpec("public.watched", "note", "text", null, true, null, null),
                        "text",
                        null,
                        null,
                        null,
                        step(
                                "add_column",
                                Phase.EXPANDING,
                                "ALTER TABLE \"public\".\"watched\" ADD COLUMN \"note\" text"))
                .metadataOnly()
                .watching(watch);
        db.execute("ALTER TABLE public.watched ADD COLUMN note text");
        m.insertMigration(db);
        m.recordDdlSteps(db);

        JsonPath clean = reverify(m.id());
        assertEquals(Set.of(), failed(clean), clean.prettify());
        assertContains(
                detail(clean, "explain-plans"),
                "query 1 (" + BY_PLAN + "): same plan:",
                "using watched_plan_id_idx on watched",
                "query 2 (" + ALL + "): same plan:");

        db.execute("DROP INDEX public.watched_plan_id_idx");
        JsonPath regressed = reverify(m.id());
        assertEquals(Set.of("explain-plans"), failed(regressed), regressed.prettify());
        assertContains(
                detail(regressed, "explain-plans"),
                "query 1 (" + BY_PLAN + "): watched: ",
                "using watched_plan_id_idx → Seq Scan");
        java.util.Map<?, ?> counts =
                (java.util.Map<?, ?>) checks(regressed).get("explain-plans").get("counts");
        assertEquals(2, counts.get("queries"));
        assertEquals(1, counts.get("regressedQueries"), "the count(*) query reads the whole table either way");
    }

    @Test
    void aWatchedQueryOnTheNewColumnMustUseTheIndexTheMigrationBuilt() {
        watchedTable("coded");
        String byCode = "SELECT id FROM public.coded WHERE code = 42";
        String create = "CREATE INDEX CONCURRENTLY \"coded_code_idx\" ON \"public\".\"coded\" (code)";
        MigrationSpec spec = new MigrationSpec(
                "public.coded",
                "code",
                "integer",
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new IndexSpec("coded_code_idx", false, null, List.of("code"), null)),
                null,
                null,
                null);
        LedgerFixture m = Fixtures.planned(
                        newMigrationId(),
                        "coded",
                        spec,
                        "integer",
                        null,
                        null,
                        null,
                        step(
                                "add_column",
                                Phase.EXPANDING,
                                "ALTER TABLE \"public\".\"coded\" ADD COLUMN \"code\" integer"),
                        index("build_index_coded_code_idx", create, "\"public\".\"coded_code_idx\""))
                .metadataOnly()
                // the column does not exist at intake: the planner records the query without a plan
                .watching(List.of(new WatchedQuery(byCode, null)));
        db.execute("ALTER TABLE public.coded ADD COLUMN code integer", "UPDATE public.coded SET code = id % 5000");
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.runContractSteps(db);
        db.execute("ANALYZE public.coded");

        JsonPath built = reverify(m.id());
        assertEquals(Set.of(), failed(built), built.prettify());
        assertContains(detail(built, "explain-plans"), "uses the new index coded_code_idx");

        db.execute("DROP INDEX public.coded_code_idx");
        JsonPath dropped = reverify(m.id());
        assertEquals(Set.of("explain-plans", "indexes-valid"), failed(dropped), dropped.prettify());
        assertContains(
                detail(dropped, "explain-plans"),
                "query 1 (" + byCode + "): reads the new column but uses none of the new indexes (coded_code_idx):"
                        + " Seq Scan on coded");
    }

    /** The {@code Plan} of the query now, as the planner captures it at intake. */
    private JsonNode explain(String sql) {
        Object plan = db.select("EXPLAIN (FORMAT JSON) " + sql)
                .get(0)
                .values()
                .iterator()
                .next();
        try {
            return EventCodec.mapper().readTree(String.valueOf(plan)).path(0).path("Plan");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
