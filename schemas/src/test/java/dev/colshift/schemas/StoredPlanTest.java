package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The stored plan's golden examples against its JSON Schema and record. */
class StoredPlanTest {

    @TestFactory
    Stream<DynamicTest> goldenPlans() throws Exception {
        Path dir = Path.of(StoredPlanTest.class.getResource("/golden-plans").toURI());
        return Files.list(dir)
                .sorted()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String json = Files.readString(file);
                    if (file.getFileName().toString().contains("-valid-")) {
                        assertEquals(List.of(), EventSchemas.validate(StoredPlan.SCHEMA_FILE, json));
                        StoredPlan plan = StoredPlan.read(json);
                        String reencoded = EventCodec.mapper().writeValueAsString(plan);
                        assertEquals(List.of(), EventSchemas.validate(StoredPlan.SCHEMA_FILE, reencoded));
                        assertEquals(plan, StoredPlan.read(reencoded));
                    } else {
                        assertFalse(EventSchemas.validate(StoredPlan.SCHEMA_FILE, json)
                                .isEmpty());
                        assertThrows(InvalidEventException.class, () -> StoredPlan.read(json));
                    }
                }));
    }

    @Test
    void theGoldenPlanReadsAsTheVerifierNeedsIt() throws Exception {
        StoredPlan plan = StoredPlan.read(Files.readString(
                Path.of(StoredPlanTest.class.getResource("/golden-plans").toURI())
                        .resolve("stored-plan-v1-valid-backfill-with-watch-queries.json")));
        assertEquals("\"public\".\"users_plan_code_idx\"", plan.steps().get(2).createsIndex());
        assertEquals(Phase.CONTRACTING, plan.steps().get(2).phase());
        assertEquals(
                "Index Scan",
                plan.watchQueries().get(0).planBefore().path("Node Type").asText());
        assertTrue(plan.watchQueries().get(1).readsNewColumn());
    }

    @Test
    void aPlanBuiltInCodeSatisfiesTheSchema() throws Exception {
        StoredPlan plan = new StoredPlan(
                StoredPlan.SCHEMA_VERSION,
                "m1",
                "public",
                "users",
                "last_login",
                null,
                "timestamp with time zone",
                10000,
                null,
                List.of(new StoredPlan.Step(
                        "add_column:public.users:last_login", Phase.EXPANDING, List.of("ALTER TABLE ..."), null)),
                List.of(new WatchedQuery(
                        "SELECT 1", JsonNodeFactory.instance.objectNode().put("Node Type", "Result"))));
        String json = EventCodec.mapper().writeValueAsString(plan);
        assertEquals(List.of(), EventSchemas.validate(StoredPlan.SCHEMA_FILE, json), json);
        assertEquals(plan, StoredPlan.read(json));
    }
}
