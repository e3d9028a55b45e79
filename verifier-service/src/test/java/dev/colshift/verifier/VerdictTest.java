package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
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
        Verdict verdict = new Verdict(MIGRATION, List.of(CheckResult.pass("a", "ok"), CheckResult.pass("b", "ok")));
        // Decoding validates against the JSON Schema: what the verifier sends is what the contract allows.
        PhaseChanged phase = EventCodec.decode(EventCodec.encode(verdict.phaseChanged()), PhaseChanged.class);
        assertEquals(Phase.VERIFIED, phase.phase());
        assertEquals(Phase.VERIFYING, phase.previousPhase());
        assertEquals("public.users", phase.table());
        assertEquals("last_login", phase.column());
        assertEquals("all 2 checks passed", phase.detail());
        assertEquals(verdict.checks(), phase.checks());
        AuditRecord audit = EventCodec.decode(EventCodec.encode(verdict.auditRecord()), AuditRecord.class);
        assertEquals("verifier", audit.actor());
        assertEquals("verify", audit.action());
        assertEquals("SUCCEEDED", audit.outcome());
        assertEquals(MIGRATION.id(), audit.migrationId());
    }

    @Test
    void failedChecksAreNamedWithTheirDetails() {
        Verdict verdict = new Verdict(
                MIGRATION,
                List.of(
                        CheckResult.fail("no-nulls", "3 row(s) hold NULL"),
                        CheckResult.pass("audit-trail", "ok"),
                        CheckResult.fail("column-shape", "type is text")));
        assertEquals(Phase.VERIFICATION_FAILED, verdict.phaseChanged().phase());
        assertEquals("failed: no-nulls (3 row(s) hold NULL); column-shape (type is text)", verdict.detail());
        assertEquals("FAILED", verdict.auditRecord().outcome());
    }
}
