package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.verifier.check.CheckOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final MigrationUnderCheck MIGRATION = new MigrationUnderCheck(
            "m20261124T201500-1a2b3c4d",
            new MigrationSpec("public.users", "last_login", "timestamptz", "now()", false, null, null),
            "public",
            "users",
            "last_login",
            "id",
            "timestamp with time zone",
            List.of(),
            null,
            null,
            null,
            null);

    @Test
    void allPassedIsVerifiedAndSucceeded() {
        Verdict verdict = new Verdict(
                MIGRATION,
                List.of(
                        CheckOutcome.pass("a", "ok"),
                        CheckOutcome.pass("b", "ok").withSql(List.of("SELECT 1"))));
        // Decoding validates against the JSON Schema: what the verifier sends is what the contract allows.
        PhaseChanged phase = EventCodec.decode(EventCodec.encode(verdict.phaseChanged()), PhaseChanged.class);
        assertEquals(Phase.VERIFIED, phase.phase());
        assertEquals(Phase.VERIFYING, phase.previousPhase());
        assertEquals("public.users", phase.table());
        assertEquals("last_login", phase.column());
        assertEquals("all 2 checks passed", phase.detail());
        assertEquals(verdict.checks(), phase.checks());
        List<AuditRecord> audits = verdict.auditRecords().stream()
                .map(a -> EventCodec.decode(EventCodec.encode(a), AuditRecord.class))
                .toList();
        assertEquals(
                List.of("verify:a", "verify:b", "verify"),
                audits.stream().map(AuditRecord::action).toList());
        AuditRecord audit = audits.get(2);
        assertEquals("verifier", audit.actor());
        assertEquals("SUCCEEDED", audit.outcome());
        assertEquals(MIGRATION.id(), audit.migrationId());
        assertEquals(2, audit.checks().size());
        assertEquals("SELECT 1", audits.get(1).sql());
        assertEquals(List.of(CheckResult.pass("b", "ok")), audits.get(1).checks());
    }

    @Test
    void failedChecksAreNamedWithTheirDetails() {
        Verdict verdict = new Verdict(
                MIGRATION,
                List.of(
                        CheckOutcome.fail("no-nulls", "3 row(s) hold NULL"),
                        CheckOutcome.pass("audit-trail", "ok"),
                        CheckOutcome.fail("column-shape", "type is text")));
        assertEquals(Phase.VERIFICATION_FAILED, verdict.phaseChanged().phase());
        assertEquals("failed: no-nulls (3 row(s) hold NULL); column-shape (type is text)", verdict.detail());
        List<AuditRecord> audits = verdict.auditRecords();
        assertEquals("FAILED", audits.get(audits.size() - 1).outcome());
        assertEquals("FAILED", audits.get(0).outcome());
        assertEquals("SUCCEEDED", audits.get(1).outcome());
    }
}
