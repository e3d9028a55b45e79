package dev.colshift.verifier;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import java.util.List;
import java.util.stream.Collectors;

/** The verifier's finding on one migration, and the audit and phase events that report it. */
public record Verdict(MigrationUnderCheck migration, List<CheckResult> checks) {
    static final String ACTOR = "verifier";
    static final String ACTION = "verify";

    public Verdict {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** One line for people: all passed, or the failed checks by name with their details. */
    public String detail() {
        if (passed()) {
            return "all " + checks.size() + " checks passed";
        }
        return "failed: "
                + checks.stream()
                        .filter(c -> !c.passed())
                        .map(c -> c.name() + " (" + c.detail() + ")")
                        .collect(Collectors.joining("; "));
    }

    public AuditRecord auditRecord() {
        return AuditRecord.of(migration.id(), ACTOR, ACTION, passed() ? "SUCCEEDED" : "FAILED", null, checks);
    }

    public PhaseChanged phaseChanged() {
        return PhaseChanged.of(
                migration.id(),
                passed() ? Phase.VERIFIED : Phase.VERIFICATION_FAILED,
                Phase.VERIFYING,
                migration.tableName(),
                migration.column(),
                detail(),
                checks);
    }
}
