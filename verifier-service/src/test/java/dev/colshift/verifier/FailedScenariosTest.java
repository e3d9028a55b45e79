package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whatever the ledger claims, a database that disagrees with the spec is reported VERIFICATION_FAILED. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class FailedScenariosTest extends VerifierScenario {

    @Test
    void leftNullsLedgerGapAndHelperConstraintFailVerification() {
        String id = newMigrationId();
        db.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric NOT NULL)",
                "INSERT INTO public.orders SELECT g, g * 10 FROM generate_series(1, 25) g",
                "ALTER TABLE public.orders ADD COLUMN status text",
                "ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT ('new')",
                // Ranges 0 and 2 were filled; range 1 (keys 11..20) never was.
                "UPDATE public.orders SET status = 'new' WHERE id >= 1 AND id < 11 AND status IS NULL",
                "UPDATE public.orders SET status = 'new' WHERE id >= 21 AND id < 26 AND status IS NULL",
                "ALTER TABLE public.orders ADD CONSTRAINT " + SqlNames.quote("colshift_nn_" + id)
                        + " CHECK (status IS NOT NULL) NOT VALID");
        LedgerFixture m = Fixtures.notNull(
                id,
                "orders",
                new MigrationSpec("public.orders", "status", "text", "'new'", false, null, 10),
                "text",
                1L,
                25L,
                3L);
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.recordBatch(db, 0, 1, 11);
        m.recordBatch(db, 2, 21, 26);

        requestVerification(id, "public.orders");

        PhaseChanged verdict = awaitVerdict(id, Phase.VERIFICATION_FAILED, 1);
        Map<String, CheckResult> checks = byName(verdict);
        assertEquals(
                Set.of("batch-ledger-coverage", "column-shape", "helper-objects-removed", "no-nulls"),
                failedNames(verdict),
                verdict.detail());
        assertContains(checks.get("no-nulls").detail(), "10 row(s) hold NULL");
        assertContains(
                checks.get("batch-ledger-coverage").detail(),
                "2 batch(es) recorded, 3 planned",
                "gap: keys [11, 21) not covered");
        assertContains(checks.get("helper-objects-removed").detail(), "constraint colshift_nn_" + id);
        assertContains(checks.get("column-shape").detail(), "allows NULL, spec asks for NOT NULL");
        assertContains(
                verdict.detail(), "failed: ", "no-nulls (", "batch-ledger-coverage (", "helper-objects-removed (");
        assertFalse(verdict.detail().contains("audit-trail"), verdict.detail());
        assertEquals(Phase.VERIFYING, verdict.previousPhase());

        var audits = topics.await(
                Topics.AUDIT,
                AuditRecord.class,
                e -> e.migrationId().equals(id) && e.action().equals("verify"),
                1);
        assertEquals(
                "FAILED",
                EventCodec.decode(audits.get(0).value(), AuditRecord.class).outcome());
        var noNulls = topics.await(
                Topics.AUDIT,
                AuditRecord.class,
                e -> e.migrationId().equals(id) && e.action().equals("verify:no-nulls"),
                1);
        AuditRecord noNullsAudit = EventCodec.decode(noNulls.get(0).value(), AuditRecord.class);
        assertEquals("FAILED", noNullsAudit.outcome());
        assertContains(noNullsAudit.sql(), "IS NULL", "LIMIT 10");
        assertContains(noNullsAudit.checks().get(0).detail(), "first id values: 11, 12, 13, 14, 15");
    }

    @Test
    void fillTriggerLeftBehindFailsUntilDroppedWithQuotedNames() {
        String id = newMigrationId();
        String table = "public." + SqlNames.quote("Order \"Lines\"");
        String trigger = SqlNames.quote("colshift_fill_" + id);
        String function = "colshift." + trigger;
        db.execute(
                "CREATE TABLE " + table + " (\"Line Id\" bigint PRIMARY KEY)",
                "INSERT INTO " + table + " SELECT g FROM generate_series(1, 5) g",
                "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                        + " NEW.\"Note\" := coalesce(NEW.\"Note\", 'n/a'); RETURN NEW; END $f$",
                "ALTER TABLE " + table + " ADD COLUMN \"Note\" text",
                "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                        + function + "()",
                "UPDATE " + table + " SET \"Note\" = 'n/a' WHERE \"Note\" IS NULL");
        LedgerFixture m = Fixtures.fillTrigger(
                id,
                "Order \"Lines\"",
                "Line Id",
                new MigrationSpec("public.Order_Lines", "Note", "text", null, null, "'n/a'", 10),
                "text",
                1L,
                5L,
                1L);
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.recordBatch(db, 0, 1, 6);

        requestVerification(id, "public.Order \"Lines\"");
        PhaseChanged failed = awaitVerdict(id, Phase.VERIFICATION_FAILED, 1);
        assertEquals(Set.of("helper-objects-removed"), failedNames(failed), failed.detail());
        assertContains(
                byName(failed).get("helper-objects-removed").detail(),
                "trigger colshift_fill_" + id,
                "function colshift.colshift_fill_" + id + "()");

        db.execute("DROP TRIGGER " + trigger + " ON " + table, "DROP FUNCTION " + function + "()");
        requestVerification(id, "public.Order \"Lines\"");
        PhaseChanged verified = awaitVerdict(id, Phase.VERIFIED, 1);
        assertEquals("public.Order \"Lines\"", verified.table());
        assertContains(byName(verified).get("no-nulls").detail(), "fills existing rows with 'n/a'");
    }

    @Test
    void droppedTableFailsEveryTableCheckWhileTheOthersStillRun() {
        String id = newMigrationId();
        LedgerFixture m = Fixtures.notNull(
                id,
                "vanished",
                new MigrationSpec("public.vanished", "flag", "boolean", "false", false, null, 10),
                "boolean",
                1L,
                5L,
                1L);
        m.insertMigration(db);
        m.recordDdlSteps(db);
        m.recordBatch(db, 0, 1, 6);

        requestVerification(id, "public.vanished");
        PhaseChanged verdict = awaitVerdict(id, Phase.VERIFICATION_FAILED, 1);
        assertEquals(Set.of("column-shape", "no-nulls"), failedNames(verdict), verdict.detail());
        assertContains(
                byName(verdict).get("no-nulls").detail(),
                "cannot scan public.vanished: no key column id (table or column gone)");
        assertContains(byName(verdict).get("column-shape").detail(), "does not exist");
    }
}
