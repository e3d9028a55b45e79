package dev.colshift.verifier;

import static dev.colshift.verifier.Fixtures.index;
import static dev.colshift.verifier.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A backfilled migration finished cleanly, then its result corrupted in each way a check exists for: each time the
 * right check fails, naming the key or object, and the others pass. Rows the application wrote after expand, with
 * values other than the expression, are never reported.
 */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class CorruptedResultsTest extends VerifierScenario {
    private static final String COLUMN = "plan_code";

    /**
     * Table {@code public.<table>} (25 rows), column plan_code filled with {@code plan_id * 10} by three backfilled
     * ranges and made NOT NULL; the application filled row 3 before the backfill reached it, and after it changed
     * row 7's value, row 8's plan_id, and inserted row 26.
     */
    private LedgerFixture backfilled(
            String table, String type, String actualDefault, MigrationSpec spec, String... corruptRange0) {
        String id = newMigrationId();
        String qualified = "public." + table;
        db.execute(
                "CREATE TABLE " + qualified + " (id bigint PRIMARY KEY, plan_id integer NOT NULL)",
                "INSERT INTO " + qualified + " SELECT g, g % 4 FROM generate_series(1, 25) g",
                "ALTER TABLE " + qualified + " ADD COLUMN plan_code " + type);
        if (actualDefault != null) {
            db.execute("ALTER TABLE " + qualified + " ALTER COLUMN plan_code SET DEFAULT " + actualDefault);
        }
        LedgerFixture m = Fixtures.notNull(id, table, spec, "integer", 1L, 25L, 3L);
        m.insertMigration(db);
        m.recordDdlSteps(db);
        db.execute("UPDATE " + qualified + " SET plan_code = 999 WHERE id = 3");
        m.backfill(db, 0, 1, 11, corruptRange0);
        m.backfill(db, 1, 11, 21);
        m.backfill(db, 2, 21, 26);
        db.execute(
                "UPDATE " + qualified + " SET plan_code = 777 WHERE id = 7",
                "UPDATE " + qualified + " SET plan_id = plan_id + 1 WHERE id = 8",
                "INSERT INTO " + qualified + " (id, plan_id, plan_code) VALUES (26, 1, 5)",
                "ALTER TABLE " + qualified + " ALTER COLUMN plan_code SET NOT NULL");
        return m;
    }

    private LedgerFixture backfilled(String table, String... corruptRange0) {
        return backfilled(table, "integer", null, spec(table, null), corruptRange0);
    }

    private static MigrationSpec spec(String table, String defaultExpression) {
        return new MigrationSpec("public." + table, COLUMN, "integer", defaultExpression, false, "plan_id * 10", 10);
    }

    @Test
    void cleanBackfillPassesAndApplicationWritesAreLeftOut() {
        LedgerFixture m = backfilled("clean_codes");
        JsonPath report = reverify(m.id());
        assertEquals(Set.of(), failed(report), report.prettify());
        assertEquals(true, report.getBoolean("passed"));
        Map<String, Object> value = checks(report).get("value-consistency");
        @SuppressWarnings("unchecked")
        Map<String, Integer> counts = (Map<String, Integer>) value.get("counts");
        assertEquals(26, counts.get("rowsScanned"));
        assertEquals(
                22, counts.get("rowsLastWrittenByBackfill"), "rows 3, 7, 8 and 26 were written by the application");
        assertEquals(4, counts.get("rowsExcludedAsApplicationWritten"));
        assertEquals(0, counts.get("rowsDiffering"));
        assertNotNull(value.get("sql"));
        assertContains(detail(report, "no-nulls"), "no row holds NULL among 26 row(s)");
        assertEquals(3, ((Map<?, ?>) checks(report).get("no-nulls").get("counts")).get("chunks"));
    }

    @Test
    void oneValueWrongInTheBackfillsTransactionIsReportedWithItsKey() {
        LedgerFixture m = backfilled("wrong_value", "UPDATE public.wrong_value SET plan_code = -1 WHERE id = 5");
        JsonPath report = reverify(m.id());
        assertEquals(Set.of("value-consistency"), failed(report), report.prettify());
        assertContains(
                detail(report, "value-consistency"),
                "1 row(s) written by the backfill differ from plan_id * 10; first id values: 5");
        assertEquals(List.of("5"), checks(report).get("value-consistency").get("sampleKeys"));
    }

    @Test
    void aNullRowWithTheConstraintDroppedFailsNoNullsAndShape() {
        LedgerFixture m = backfilled("null_row");
        db.execute(
                "ALTER TABLE public.null_row ALTER COLUMN plan_code DROP NOT NULL",
                "UPDATE public.null_row SET plan_code = NULL WHERE id = 9");
        JsonPath report = reverify(m.id());
        assertEquals(Set.of("column-shape", "no-nulls"), failed(report), report.prettify());
        assertContains(detail(report, "no-nulls"), "1 row(s) hold NULL", "first id values: 9");
        assertContains(detail(report, "column-shape"), "allows NULL, spec asks for NOT NULL");
    }

    @Test
    void aDifferentDefaultFailsColumnShape() {
        LedgerFixture m = backfilled("other_default", "integer", "1", spec("other_default", "0"));
        JsonPath report = reverify(m.id());
        assertEquals(Set.of("column-shape"), failed(report), report.prettify());
        assertContains(detail(report, "column-shape"), "default is 1, spec asks for 0");
    }

    @Test
    void theSameDefaultSpelledDifferentlyPasses() {
        LedgerFixture m = backfilled("same_default", "integer", "(0)", spec("same_default", "00"));
        JsonPath report = reverify(m.id());
        assertEquals(Set.of(), failed(report), report.prettify());
        assertContains(detail(report, "column-shape"), "DEFAULT 0");
    }

    @Test
    void theWrongTypeFailsColumnShape() {
        LedgerFixture m = backfilled("wrong_type", "bigint", null, spec("wrong_type", null));
        JsonPath report = reverify(m.id());
        assertContains(detail(report, "column-shape"), "type is bigint, plan expects integer");
        assertEquals(Set.of("column-shape"), failed(report), report.prettify());
    }

    @Test
    void anOverlappingLedgerRangeFailsCoverage() {
        LedgerFixture m = backfilled("overlap");
        m.recordBatch(db, 3, 15, 22);
        JsonPath report = reverify(m.id());
        assertEquals(Set.of("batch-ledger-coverage"), failed(report), report.prettify());
        assertContains(
                detail(report, "batch-ledger-coverage"),
                "4 batch(es) recorded, 3 planned",
                "overlap: range 3 [15, 22) starts inside range 1 [11, 21)");
    }

    @Test
    void aDeletedLedgerRecordFailsCoverage() {
        LedgerFixture m = backfilled("lost_range");
        db.update("DELETE FROM colshift.batches WHERE migration_id = ? AND range_id = 1", m.id());
        JsonPath report = reverify(m.id());
        assertEquals(Set.of("batch-ledger-coverage"), failed(report), report.prettify());
        assertContains(detail(report, "batch-ledger-coverage"), "gap: keys [11, 21) not covered");
    }

    @Test
    void aMissingAuditRowFailsTheAuditTrail() {
        LedgerFixture m = backfilled("unaudited");
        String step = "set_not_null:public.unaudited:plan_code";
        // the log is append-only; only a superuser skipping triggers for its session can remove a row
        db.execute(
                "SET LOCAL session_replication_role = replica",
                "DELETE FROM colshift.audit_log WHERE migration_id = '" + m.id() + "' AND action = '" + step + "'");
        JsonPath report = reverify(m.id());
        assertEquals(Set.of("audit-trail"), failed(report), report.prettify());
        assertContains(detail(report, "audit-trail"), "no SUCCEEDED audit entry: " + step);
    }

    @Test
    void anIndexLeftInvalidByAFailedConcurrentBuildFails() {
        String table = "dup_codes";
        String id = newMigrationId();
        IndexSpec unique = new IndexSpec("dup_codes_uidx", true, null, List.of("plan_code"), null);
        MigrationSpec spec = new MigrationSpec(
                "public." + table,
                COLUMN,
                "integer",
                null,
                true,
                "plan_id * 10",
                10,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(unique),
                null,
                null,
                null);
        String create = "CREATE UNIQUE INDEX CONCURRENTLY \"dup_codes_uidx\" ON \"public\".\"dup_codes\" (plan_code)";
        LedgerFixture m = Fixtures.planned(
                id,
                table,
                spec,
                "integer",
                1L,
                25L,
                3L,
                step(
                        "expand",
                        Phase.EXPANDING,
                        "ALTER TABLE \"public\".\"dup_codes\" ADD COLUMN \"plan_code\" integer"),
                step("backfill", Phase.BACKFILLING),
                index("build_index_dup_codes_uidx", create, "\"public\".\"dup_codes_uidx\""));
        db.execute(
                "CREATE TABLE public.dup_codes (id bigint PRIMARY KEY, plan_id integer NOT NULL)",
                "INSERT INTO public.dup_codes SELECT g, g % 4 FROM generate_series(1, 25) g",
                "ALTER TABLE public.dup_codes ADD COLUMN plan_code integer");
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.backfill(db, 0, 1, 11);
        m.backfill(db, 1, 11, 21);
        m.backfill(db, 2, 21, 26);
        assertContains(String.valueOf(db.executeOutsideTransaction(create)), "could not create unique index");

        JsonPath report = reverify(m.id());
        assertEquals(Set.of("indexes-valid"), failed(report), report.prettify());
        assertContains(
                detail(report, "indexes-valid"),
                "index \"public\".\"dup_codes_uidx\": INVALID (indisvalid is false), not ready (indisready is false)");
    }

    @Test
    void aForeignKeyLeftNotValidFails() {
        String table = "unchecked_refs";
        String id = newMigrationId();
        MigrationSpec spec = new MigrationSpec(
                "public." + table,
                COLUMN,
                "integer",
                null,
                true,
                "plan_id * 10",
                10,
                null,
                null,
                new ForeignKeySpec("public.unchecked_plans", "code", null, null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        String add = "ALTER TABLE \"public\".\"unchecked_refs\" ADD CONSTRAINT \"unchecked_refs_plan_code_fkey\""
                + " FOREIGN KEY (\"plan_code\") REFERENCES \"public\".\"unchecked_plans\" (\"code\") NOT VALID";
        LedgerFixture m = Fixtures.planned(
                id,
                table,
                spec,
                "integer",
                1L,
                25L,
                3L,
                step("expand", Phase.EXPANDING, "ALTER TABLE ... ADD COLUMN"),
                step("backfill", Phase.BACKFILLING),
                step("add_foreign_key", Phase.CONTRACTING, add),
                step(
                        "validate_foreign_key",
                        Phase.CONTRACTING,
                        "ALTER TABLE \"public\".\"unchecked_refs\" VALIDATE CONSTRAINT \"unchecked_refs_plan_code_fkey\""));
        db.execute(
                "CREATE TABLE public.unchecked_plans (code integer PRIMARY KEY)",
                "INSERT INTO public.unchecked_plans SELECT g FROM generate_series(0, 100) g",
                "CREATE TABLE public.unchecked_refs (id bigint PRIMARY KEY, plan_id integer NOT NULL)",
                "INSERT INTO public.unchecked_refs SELECT g, g % 4 FROM generate_series(1, 25) g",
                "ALTER TABLE public.unchecked_refs ADD COLUMN plan_code integer");
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.backfill(db, 0, 1, 11);
        m.backfill(db, 1, 11, 21);
        m.backfill(db, 2, 21, 26);
        db.execute(add);

        JsonPath report = reverify(m.id());
        assertEquals(Set.of("constraints-validated"), failed(report), report.prettify());
        assertContains(
                detail(report, "constraints-validated"),
                "constraint unchecked_refs_plan_code_fkey",
                "NOT VALID (convalidated is false)");

        db.execute("ALTER TABLE public.unchecked_refs VALIDATE CONSTRAINT unchecked_refs_plan_code_fkey");
        JsonPath validated = reverify(m.id());
        assertEquals(Set.of(), failed(validated), validated.prettify());
    }
}
