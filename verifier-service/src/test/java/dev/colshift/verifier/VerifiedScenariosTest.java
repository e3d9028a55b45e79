package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Migrations that finished correctly are reported VERIFIED, every time they are asked about. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class VerifiedScenariosTest extends VerifierScenario {

    @Test
    void finishedNotNullMigrationIsVerifiedEveryTimeItIsAsked() {
        String id = newMigrationId();
        String check = SqlNames.quote("colshift_nn_" + id);
        db.execute(
                "CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO public.accounts SELECT g, 'user ' || g FROM generate_series(1, 25) g");
        db.execute(
                "ALTER TABLE public.accounts ADD COLUMN last_login timestamptz",
                "ALTER TABLE public.accounts ALTER COLUMN last_login SET DEFAULT (now())");
        db.execute("UPDATE public.accounts SET last_login = now() WHERE last_login IS NULL");
        db.execute(
                "ALTER TABLE public.accounts ADD CONSTRAINT " + check + " CHECK (last_login IS NOT NULL) NOT VALID",
                "ALTER TABLE public.accounts VALIDATE CONSTRAINT " + check,
                "ALTER TABLE public.accounts ALTER COLUMN last_login SET NOT NULL",
                "ALTER TABLE public.accounts DROP CONSTRAINT " + check);
        LedgerFixture m = Fixtures.notNull(
                id,
                "accounts",
                new MigrationSpec("public.accounts", "last_login", "timestamptz", "now()", false, null, 10),
                "timestamp with time zone",
                1L,
                25L,
                3L);
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.recordBatch(db, 0, 1, 11);
        m.recordBatch(db, 1, 11, 21);
        m.recordBatch(db, 2, 21, 26);

        // Same key, so the same partition: both are handled (and skipped) before the real requests.
        topics.send(Topics.MIGRATION_PHASES, id, "not json at all");
        topics.send(Topics.MIGRATION_PHASES, id, EventCodec.encode(verifying(newMigrationId(), "public.accounts")));
        requestVerification(id, "public.accounts");
        requestVerification(id, "public.accounts");

        PhaseChanged verdict = awaitVerdict(id, Phase.VERIFIED, 2);
        topics.matching(
                        Topics.MIGRATION_PHASES,
                        PhaseChanged.class,
                        e -> e.migrationId().equals(id))
                .forEach(r -> assertEquals(id, r.key()));
        assertEquals(Phase.VERIFYING, verdict.previousPhase());
        assertEquals("public.accounts", verdict.table());
        assertEquals("last_login", verdict.column());
        assertEquals(
                Set.of(
                        "audit-trail",
                        "batch-ledger-coverage",
                        "column-shape",
                        "constraints-validated",
                        "helper-objects-removed",
                        "indexes-valid",
                        "no-nulls",
                        "value-consistency"),
                byName(verdict).keySet());
        assertEquals(Set.of(), failedNames(verdict), verdict.detail());
        assertEquals(
                "last_login timestamp with time zone NOT NULL DEFAULT now()",
                byName(verdict).get("column-shape").detail());

        var audits = topics.await(
                Topics.AUDIT,
                AuditRecord.class,
                e -> e.migrationId().equals(id) && e.action().equals("verify"),
                2);
        AuditRecord audit = EventCodec.decode(audits.get(0).value(), AuditRecord.class);
        assertEquals(id, audits.get(0).key());
        assertEquals("verifier", audit.actor());
        assertEquals("verify", audit.action());
        assertEquals("SUCCEEDED", audit.outcome());
        assertEquals(8, audit.checks().size());
        assertContains(byName(verdict).get("value-consistency").detail(), "not compared: now() is not immutable");
        assertTrue(topics.matching(
                        Topics.MIGRATION_PHASES,
                        PhaseChanged.class,
                        e -> e.phase() == Phase.VERIFICATION_FAILED
                                && e.migrationId().equals(id))
                .isEmpty());
    }

    @Test
    void emptyTableWithBackfillNeedsNoBatches() {
        String id = newMigrationId();
        db.execute(
                "CREATE TABLE public.notes (id integer PRIMARY KEY)",
                "ALTER TABLE public.notes ADD COLUMN score integer",
                "ALTER TABLE public.notes ALTER COLUMN score SET DEFAULT (0)");
        LedgerFixture m = Fixtures.nullableWithDefault(
                id,
                "notes",
                new MigrationSpec("public.notes", "score", "integer", "0", null, null, null),
                "integer",
                0L);
        m.insertMigration(db);
        m.recordDdlSteps(db);

        requestVerification(id, "public.notes");
        PhaseChanged verdict = awaitVerdict(id, Phase.VERIFIED, 1);
        assertContains(byName(verdict).get("batch-ledger-coverage").detail(), "table was empty");
        assertContains(byName(verdict).get("no-nulls").detail(), "no row holds NULL");
    }

    @Test
    void aRequestRepeatedAfterTheMigrationMovedOnIsNotVerifiedAgain() {
        String done = newMigrationId();
        String next = newMigrationId();
        for (String table : new String[] {"tallies_done", "tallies_next"}) {
            db.execute(
                    "CREATE TABLE public." + table + " (id integer PRIMARY KEY)",
                    "ALTER TABLE public." + table + " ADD COLUMN score integer",
                    "ALTER TABLE public." + table + " ALTER COLUMN score SET DEFAULT (0)");
            LedgerFixture m = Fixtures.nullableWithDefault(
                    table.endsWith("done") ? done : next,
                    table,
                    new MigrationSpec("public." + table, "score", "integer", "0", null, null, null),
                    "integer",
                    0L);
            m.insertMigration(db);
            m.recordDdlSteps(db);
        }
        db.update("UPDATE colshift.migrations SET phase = 'COMPLETED' WHERE id = ?", done);

        // same key, so the same partition: the stale request is handled before the other one
        topics.send(Topics.MIGRATION_PHASES, done, EventCodec.encode(verifying(done, "public.tallies_done")));
        topics.send(Topics.MIGRATION_PHASES, done, EventCodec.encode(verifying(next, "public.tallies_next")));
        awaitVerdict(next, Phase.VERIFIED, 1);
        assertTrue(topics.matching(
                        Topics.MIGRATION_PHASES,
                        PhaseChanged.class,
                        e -> e.migrationId().equals(done) && e.phase() != Phase.VERIFYING)
                .isEmpty());
    }
}
