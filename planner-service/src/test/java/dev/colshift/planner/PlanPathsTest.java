package dev.colshift.planner;

import static dev.colshift.planner.PlannerScenario.post;
import static dev.colshift.planner.PlannerScenario.runToCompletion;
import static dev.colshift.planner.PlannerScenario.submit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.colshift.planner.db.ConcurrentStepRunner;
import dev.colshift.planner.plan.PlanStep;
import dev.colshift.schemas.Phase;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every way a column change can be planned, on real PostgreSQL: the plan the planner chooses, what the rehearsal saw
 * PostgreSQL do, and, executed, the catalog and data it leaves.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class PlanPathsTest {
    private static final String JSON = "application/json";

    @Inject
    ConcurrentStepRunner concurrentSteps;

    private static String relfilenode(String table) throws SQLException {
        return TestDatabase.scalar("SELECT relfilenode FROM pg_class WHERE oid = 'public." + table + "'::regclass");
    }

    @Test
    void aNonVolatileDefaultIsOneMetadataOnlyStatementThatRewritesNothing() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_meta (id bigint PRIMARY KEY, n int)",
                "INSERT INTO paths_meta SELECT g, g FROM generate_series(1, 5000) g");
        String file = relfilenode("paths_meta");
        String id = submit(
                JSON,
                "{\"table\":\"paths_meta\",\"column\":\"last_login\",\"type\":\"timestamptz\","
                        + "\"defaultExpression\":\"now()\",\"nullable\":false}");
        runToCompletion(id);

        assertEquals(file, relfilenode("paths_meta"), "the table was rewritten");
        assertEquals(
                "add_column:public.paths_meta:last_login",
                TestDatabase.scalar(
                        "SELECT string_agg(step_id, ',') FROM colshift.steps WHERE migration_id = '" + id + "'"));
        assertEquals(
                "0", TestDatabase.scalar("SELECT count(*) FROM colshift.batches WHERE migration_id = '" + id + "'"));
        assertEquals(
                "0",
                TestDatabase.scalar("SELECT count(*) FROM paths_meta WHERE last_login IS NULL"),
                "every row has it");
        assertEquals(
                "t",
                TestDatabase.scalar("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'paths_meta'::regclass"
                        + " AND attname = 'last_login'"));
    }

    @Test
    void notNullWithoutADefaultIsRefusedOnATableWithRowsAndPlannedOnAnEmptyOne() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_full (id bigint PRIMARY KEY)",
                "INSERT INTO paths_full VALUES (1)",
                "CREATE TABLE paths_empty (id bigint PRIMARY KEY)");
        String before = TestDatabase.catalogFingerprint();
        post(JSON, "{\"table\":\"paths_full\",\"column\":\"c\",\"type\":\"int\",\"nullable\":false}", false)
                .statusCode(400)
                .body("type", equalTo("https://colshift.dev/problems/not-null-without-value"))
                .body("detail", containsString("DEFAULT"));
        assertEquals(before, TestDatabase.catalogFingerprint());
        // On an empty table PostgreSQL accepts it, but its NOT NULL check still reads the table under ACCESS
        // EXCLUSIVE (the rehearsal counted the scan), so NOT NULL comes from a validated check instead.
        post(JSON, "{\"table\":\"paths_empty\",\"column\":\"c\",\"type\":\"int\",\"nullable\":false}", true)
                .statusCode(200)
                .body(
                        "plan.steps.id",
                        contains(
                                "expand:public.paths_empty:c",
                                "add_not_null_check:public.paths_empty:c",
                                "validate_not_null_check:public.paths_empty:c",
                                "set_not_null:public.paths_empty:c",
                                "drop_not_null_check:public.paths_empty:c"));
    }

    @Test
    void aCheckIsAddedNotValidThenValidatedWhileTheApplicationWrites() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_check (id bigint PRIMARY KEY)",
                "INSERT INTO paths_check SELECT generate_series(1, 1000)");
        String spec = "{\"table\":\"paths_check\",\"column\":\"score\",\"type\":\"int\",\"defaultExpression\":\"0\","
                + "\"nullable\":false,\"checks\":[{\"expression\":\"score >= 0\"}]}";
        post(JSON, spec, true)
                .statusCode(200)
                .body(
                        "plan.steps.id",
                        contains(
                                "add_column:public.paths_check:score",
                                "add_check:public.paths_check:score",
                                "validate_check:public.paths_check:score"))
                .body("plan.steps[1].observed.scanned", equalTo(false))
                .body("plan.steps[2].observed.scanned", equalTo(true))
                .body("plan.steps[2].observed.locks", contains("ShareUpdateExclusiveLock"))
                .body("plan.findings.rule", hasItem("constraints-made-safe"));
        runToCompletion(submit(JSON, spec));
        assertEquals(
                "t",
                TestDatabase.scalar(
                        "SELECT convalidated FROM pg_constraint WHERE conname = 'paths_check_score_check'"));
    }

    @Test
    void aForeignKeyIsAddedNotValidAfterTheBackfillThenValidated() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_parents (id bigint PRIMARY KEY)",
                "INSERT INTO paths_parents SELECT generate_series(1, 10)",
                "CREATE TABLE paths_children (id bigint PRIMARY KEY, parent_ref bigint NOT NULL)",
                "INSERT INTO paths_children SELECT g, g % 10 + 1 FROM generate_series(1, 500) g");
        String spec = "{\"table\":\"paths_children\",\"column\":\"parent_id\",\"type\":\"bigint\","
                + "\"backfillExpression\":\"parent_ref\",\"references\":{\"table\":\"paths_parents\","
                + "\"onDelete\":\"CASCADE\"}}";
        post(JSON, spec, true)
                .statusCode(200)
                .body(
                        "plan.steps.id",
                        contains(
                                "expand:public.paths_children:parent_id",
                                "backfill:public.paths_children:parent_id",
                                "drop_fill_trigger:public.paths_children:parent_id",
                                "add_foreign_key:public.paths_children:parent_id",
                                "validate_foreign_key:public.paths_children:parent_id"))
                .body("plan.steps[3].observed.locks", hasItem("ShareRowExclusiveLock (referenced table)"))
                .body("plan.findings.rule", hasItem("foreign-key-without-index"));
        runToCompletion(submit(JSON, spec));
        assertEquals(
                "true:c",
                TestDatabase.scalar("SELECT convalidated || ':' || confdeltype::text FROM pg_constraint"
                        + " WHERE conname = 'paths_children_parent_id_fkey'"));
        assertEquals("0", TestDatabase.scalar("SELECT count(*) FROM paths_children WHERE parent_id <> parent_ref"));
    }

    @Test
    void aUniqueKeyIsBuiltConcurrentlyThenAttachedAsTheConstraint() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_unique (id bigint PRIMARY KEY)",
                "INSERT INTO paths_unique SELECT generate_series(1, 1000)");
        String spec = "{\"table\":\"paths_unique\",\"column\":\"code\",\"type\":\"text\","
                + "\"backfillExpression\":\"'c-' || id\",\"nullable\":false,\"unique\":true}";
        post(JSON, spec, true)
                .statusCode(200)
                .body("plan.steps.id", hasItem("build_unique_index:public.paths_unique:code"))
                .body("plan.steps.find { it.id.startsWith('build_unique') }.execution", equalTo("OUTSIDE_TRANSACTION"))
                .body(
                        "plan.steps.find { it.id.startsWith('add_unique') }.statements[0]",
                        equalTo("ALTER TABLE \"public\".\"paths_unique\" ADD CONSTRAINT \"paths_unique_code_key\""
                                + " UNIQUE USING INDEX \"paths_unique_code_key\""));
        runToCompletion(submit(JSON, spec));
        assertEquals(
                "u:true",
                TestDatabase.scalar("SELECT c.contype::text || ':' || i.indisvalid FROM pg_constraint c"
                        + " JOIN pg_index i ON i.indexrelid = c.conindid WHERE c.conname = 'paths_unique_code_key'"));
    }

    @Test
    void aPrimaryKeyIsBuiltConcurrentlyThenAttachedOnceNotNullHolds() throws Exception {
        // a table created without a key (empty: the NOT NULL a key needs has nothing to backfill)
        TestDatabase.execute("CREATE TABLE paths_keyless (payload text)");
        String spec = "{\"table\":\"paths_keyless\",\"column\":\"id\",\"type\":\"bigint\",\"primaryKey\":true}";
        post(JSON, spec, true)
                .statusCode(200)
                .body(
                        "plan.steps.id",
                        contains(
                                "expand:public.paths_keyless:id",
                                "add_not_null_check:public.paths_keyless:id",
                                "validate_not_null_check:public.paths_keyless:id",
                                "set_not_null:public.paths_keyless:id",
                                "drop_not_null_check:public.paths_keyless:id",
                                "build_primary_key_index:public.paths_keyless:id",
                                "add_primary_key:public.paths_keyless:id"));
        runToCompletion(submit(JSON, spec));
        assertEquals(
                "p:true",
                TestDatabase.scalar("SELECT c.contype::text || ':' || i.indisvalid FROM pg_constraint c"
                        + " JOIN pg_index i ON i.indexrelid = c.conindid WHERE c.conname = 'paths_keyless_pkey'"));
    }

    @Test
    void anIndexIsBuiltConcurrentlyOutsideATransaction() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_index (id bigint PRIMARY KEY)",
                "INSERT INTO paths_index SELECT generate_series(1, 1000)");
        String spec = "{\"table\":\"paths_index\",\"column\":\"flag\",\"type\":\"boolean\","
                + "\"defaultExpression\":\"false\",\"indexes\":[{\"keys\":[\"flag\"],\"where\":\"flag\"}]}";
        runToCompletion(submit(JSON, spec));
        assertEquals(
                "true:CREATE INDEX paths_index_flag_idx ON public.paths_index USING btree (flag) WHERE flag",
                TestDatabase.scalar("SELECT i.indisvalid || ':' || pg_get_indexdef(i.indexrelid) FROM pg_index i"
                        + " WHERE i.indexrelid = 'paths_index_flag_idx'::regclass"));
    }

    @Test
    void aSerialColumnGetsItsSequenceADefaultABackfillAndNotNull() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_serial (id bigint PRIMARY KEY)",
                "INSERT INTO paths_serial SELECT generate_series(1, 700)");
        String id = submit(JSON, "{\"table\":\"paths_serial\",\"column\":\"seqno\",\"type\":\"bigserial\"}");
        runToCompletion(id);
        assertEquals(
                "700:700:0",
                TestDatabase.scalar("SELECT count(*) || ':' || count(DISTINCT seqno) || ':' || count(*) FILTER (WHERE"
                        + " seqno IS NULL) FROM paths_serial"));
        assertEquals(
                "public.paths_serial_seqno_seq:true",
                TestDatabase.scalar("SELECT pg_get_serial_sequence('paths_serial', 'seqno') || ':' || attnotnull"
                        + " FROM pg_attribute WHERE attrelid = 'paths_serial'::regclass AND attname = 'seqno'"));
    }

    @Test
    void identityAndStoredGeneratedColumnsAreRefusedWithTheSafeAlternative() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_rewrite (id bigint PRIMARY KEY, n int)", "INSERT INTO paths_rewrite VALUES (1, 2)");
        String before = TestDatabase.catalogFingerprint();
        post(JSON, "{\"table\":\"paths_rewrite\",\"column\":\"i\",\"type\":\"bigint\",\"identity\":\"ALWAYS\"}", false)
                .statusCode(400)
                .body("type", equalTo("https://colshift.dev/problems/identity-rewrites"))
                .body("detail", containsString("bigserial"));
        post(
                        JSON,
                        "{\"table\":\"paths_rewrite\",\"column\":\"g\",\"type\":\"int\","
                                + "\"generated\":{\"expression\":\"n * 2\",\"kind\":\"STORED\"}}",
                        false)
                .statusCode(400)
                .body("type", equalTo("https://colshift.dev/problems/generated-stored-rewrites"))
                .body("detail", containsString("backfillExpression"));
        assertEquals(before, TestDatabase.catalogFingerprint());
    }

    @Test
    void anAllowedRewriteRunsAsOneStatementThatPostgreSqlShowedRewrites() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_allowed (id bigint PRIMARY KEY)", "INSERT INTO paths_allowed VALUES (1), (2)");
        String spec = "{\"table\":\"paths_allowed\",\"column\":\"i\",\"type\":\"bigint\",\"identity\":\"BY DEFAULT\","
                + "\"allowHazards\":[\"identity-rewrites\"]}";
        post(JSON, spec, true)
                .statusCode(200)
                .body("plan.steps.id", contains("add_column:public.paths_allowed:i"))
                .body("plan.steps[0].observed.rewrote", equalTo(true));
        runToCompletion(submit(JSON, spec));
        assertEquals(
                "d",
                TestDatabase.scalar("SELECT attidentity FROM pg_attribute WHERE attrelid = 'paths_allowed'::regclass"
                        + " AND attname = 'i'"));
    }

    @Test
    void aVirtualGeneratedColumnIsMetadataOnlyWherePostgreSqlHasThem() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_virtual (id bigint PRIMARY KEY, n int)", "INSERT INTO paths_virtual VALUES (1, 2)");
        String spec = "{\"table\":\"paths_virtual\",\"column\":\"g\",\"type\":\"int\","
                + "\"generated\":{\"expression\":\"n * 2\",\"kind\":\"VIRTUAL\"}}";
        int version = Integer.parseInt(TestDatabase.scalar("SHOW server_version_num"));
        if (version >= 180000) {
            post(JSON, spec, true)
                    .statusCode(200)
                    .body("plan.steps.id", contains("add_column:public.paths_virtual:g"))
                    .body("plan.steps[0].observed.rewrote", equalTo(false));
        } else {
            post(JSON, spec, true)
                    .statusCode(400)
                    .body("type", equalTo("https://colshift.dev/problems/invalid-expression"))
                    .body("field", equalTo("generated"));
        }
    }

    @Test
    void aRowTriggerMakesTheBackfillAHazardTheRequestMustAllow() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_trigger (id bigint PRIMARY KEY, updated_at timestamptz)",
                "INSERT INTO paths_trigger VALUES (1, now())",
                "CREATE FUNCTION paths_touch() RETURNS trigger LANGUAGE plpgsql AS"
                        + " 'BEGIN NEW.updated_at = now(); RETURN NEW; END'",
                "CREATE TRIGGER paths_touch BEFORE UPDATE ON paths_trigger FOR EACH ROW EXECUTE FUNCTION paths_touch()");
        String spec = "{\"table\":\"paths_trigger\",\"column\":\"token\",\"type\":\"uuid\","
                + "\"defaultExpression\":\"gen_random_uuid()\"%s}";
        post(JSON, spec.formatted(""), true)
                .statusCode(400)
                .body("type", equalTo("https://colshift.dev/problems/per-row-trigger"))
                .body("detail", containsString("paths_touch"));
        post(JSON, spec.formatted(",\"allowHazards\":[\"per-row-trigger\"]"), true)
                .statusCode(200);
    }

    @Test
    void anInvalidLeftoverOfAnInterruptedBuildIsDroppedAndBuiltAgain() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE paths_leftover (id bigint PRIMARY KEY, v int)",
                "INSERT INTO paths_leftover VALUES (1, 7), (2, 7)");
        try {
            TestDatabase.execute("CREATE UNIQUE INDEX CONCURRENTLY paths_leftover_v_key ON paths_leftover (v)");
        } catch (SQLException expected) {
            // duplicate key: PostgreSQL leaves the index behind, INVALID
        }
        String leftover = TestDatabase.scalar("SELECT indexrelid::bigint || ':' || indisvalid FROM pg_index"
                + " WHERE indexrelid = 'paths_leftover_v_key'::regclass");
        assertEquals("false", leftover.split(":")[1]);
        TestDatabase.execute("UPDATE paths_leftover SET v = 8 WHERE id = 2");

        PlanStep step = PlanStep.concurrentIndex(
                "build_unique_index:public.paths_leftover:v",
                Phase.CONTRACTING,
                "test",
                "CREATE UNIQUE INDEX CONCURRENTLY \"paths_leftover_v_key\" ON \"public\".\"paths_leftover\" (\"v\")",
                "\"public\".\"paths_leftover_v_key\"");
        concurrentSteps
                .run(
                        "m-test-leftover",
                        step,
                        (conn, attempt) -> Uni.createFrom().voidItem())
                .await()
                .atMost(Duration.ofSeconds(30));

        String rebuilt = TestDatabase.scalar("SELECT indexrelid::bigint || ':' || indisvalid FROM pg_index"
                + " WHERE indexrelid = 'paths_leftover_v_key'::regclass");
        assertEquals("true", rebuilt.split(":")[1]);
        assertNotEquals(leftover.split(":")[0], rebuilt.split(":")[0], "the leftover was not dropped and rebuilt");
    }
}
