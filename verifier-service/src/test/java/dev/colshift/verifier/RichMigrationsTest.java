package dev.colshift.verifier;

import static dev.colshift.verifier.Fixtures.index;
import static dev.colshift.verifier.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.CheckSpec;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Clean migrations of the richer kinds the planner plans pass every check. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class RichMigrationsTest extends VerifierScenario {

    @Test
    void checkForeignKeyUniqueAndIndexAllValidatedPass() {
        String id = newMigrationId();
        String t = "\"public\".\"rich\"";
        MigrationSpec spec = new MigrationSpec(
                "public.rich",
                "code",
                "integer",
                null,
                true,
                "id * 10",
                10,
                null,
                List.of(new CheckSpec(null, "code >= 0")),
                new ForeignKeySpec("public.rich_codes", "code", "CASCADE", null, null),
                true,
                null,
                null,
                null,
                List.of(new IndexSpec(null, false, null, List.of("code"), "code > 100")),
                null,
                null,
                null);
        LedgerFixture m = Fixtures.planned(
                id,
                "rich",
                spec,
                "integer",
                1L,
                25L,
                3L,
                step("expand", Phase.EXPANDING, "ALTER TABLE " + t + " ADD COLUMN \"code\" integer"),
                step("backfill", Phase.BACKFILLING),
                step(
                        "add_check",
                        Phase.CONTRACTING,
                        "ALTER TABLE " + t + " ADD CONSTRAINT \"rich_code_check\" CHECK (code >= 0) NOT VALID"),
                step(
                        "validate_check",
                        Phase.CONTRACTING,
                        "ALTER TABLE " + t + " VALIDATE CONSTRAINT \"rich_code_check\""),
                step(
                        "add_foreign_key",
                        Phase.CONTRACTING,
                        "ALTER TABLE " + t + " ADD CONSTRAINT \"rich_code_fkey\" FOREIGN KEY (\"code\") REFERENCES"
                                + " \"public\".\"rich_codes\" (\"code\") ON DELETE CASCADE NOT VALID"),
                step(
                        "validate_foreign_key",
                        Phase.CONTRACTING,
                        "ALTER TABLE " + t + " VALIDATE CONSTRAINT \"rich_code_fkey\""),
                index(
                        "build_unique_index",
                        "CREATE UNIQUE INDEX CONCURRENTLY \"rich_code_key\" ON " + t + " (\"code\")",
                        "\"public\".\"rich_code_key\""),
                step(
                        "add_unique_constraint",
                        Phase.CONTRACTING,
                        "ALTER TABLE " + t + " ADD CONSTRAINT \"rich_code_key\" UNIQUE USING INDEX \"rich_code_key\""),
                index(
                        "build_index_rich_code_idx",
                        "CREATE INDEX CONCURRENTLY \"rich_code_idx\" ON " + t + " (code) WHERE (code > 100)",
                        "\"public\".\"rich_code_idx\""));
        db.execute(
                "CREATE TABLE public.rich_codes (code integer PRIMARY KEY)",
                "INSERT INTO public.rich_codes SELECT g FROM generate_series(0, 1000) g",
                "CREATE TABLE public.rich (id bigint PRIMARY KEY, name text)",
                "INSERT INTO public.rich SELECT g, 'n' || g FROM generate_series(1, 25) g",
                "ALTER TABLE public.rich ADD COLUMN code integer");
        m.insertMigration(db);
        m.recordDdlSteps(db);
        db.execute("UPDATE public.rich SET code = 999 WHERE id = 4");
        m.backfill(db, 0, 1, 11);
        m.backfill(db, 1, 11, 21);
        m.backfill(db, 2, 21, 26);
        db.execute("UPDATE public.rich SET code = 777 WHERE id = 12");
        m.runContractSteps(db);

        JsonPath report = reverify(id);
        assertEquals(Set.of(), failed(report), report.prettify());
        assertContains(
                detail(report, "constraints-validated"),
                "rich_code_check CHECK ((code >= 0))",
                "rich_code_fkey FOREIGN KEY (code) REFERENCES rich_codes(code) ON DELETE CASCADE",
                "rich_code_key UNIQUE (code)");
        assertContains(
                detail(report, "indexes-valid"),
                "CREATE UNIQUE INDEX rich_code_key ON public.rich USING btree (code)",
                "CREATE INDEX rich_code_idx ON public.rich USING btree (code) WHERE (code > 100)");
        assertContains(detail(report, "value-consistency"), "23 of 25 row(s) last written by the backfill");

        // an index with another definition under the planned name is not the requested one
        db.execute("DROP INDEX public.rich_code_idx", "CREATE INDEX rich_code_idx ON public.rich (code)");
        JsonPath changed = reverify(id);
        assertEquals(Set.of("indexes-valid"), failed(changed), changed.prettify());
        assertContains(
                detail(changed, "indexes-valid"), "is btree (code), spec asks for btree (code) WHERE code > 100");
    }

    @Test
    void metadataOnlyMigrationWithoutBackfillPassesThroughKafka() {
        String id = newMigrationId();
        MigrationSpec spec = new MigrationSpec(
                "public.labels",
                "status",
                "text",
                "'new'",
                false,
                null,
                null,
                "C",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        String add =
                "ALTER TABLE \"public\".\"labels\" ADD COLUMN \"status\" text COLLATE \"C\" DEFAULT ('new') NOT NULL";
        LedgerFixture m = Fixtures.planned(
                        id, "labels", spec, "text", null, null, null, step("add_column", Phase.EXPANDING, add))
                .metadataOnly();
        db.execute(
                "CREATE TABLE public.labels (id integer PRIMARY KEY)",
                "INSERT INTO public.labels SELECT g FROM generate_series(1, 25) g",
                add);
        m.insertMigration(db);
        m.recordDdlSteps(db);

        requestVerification(id, "public.labels");
        PhaseChanged verdict = awaitVerdict(id, Phase.VERIFIED, 1);
        assertEquals(Set.of(), failedNames(verdict), verdict.detail());
        assertContains(
                byName(verdict).get("column-shape").detail(), "status text COLLATE \"C\" NOT NULL DEFAULT 'new'::text");
        assertContains(byName(verdict).get("value-consistency").detail(), "no backfill");
        assertContains(byName(verdict).get("batch-ledger-coverage").detail(), "no backfill");

        db.execute("ALTER TABLE public.labels ALTER COLUMN status TYPE text COLLATE \"POSIX\"");
        JsonPath drifted = reverify(id);
        assertEquals(Set.of("column-shape"), failed(drifted), drifted.prettify());
        assertContains(detail(drifted, "column-shape"), "collation is \"POSIX\", spec asks for \"C\"");
    }
}
