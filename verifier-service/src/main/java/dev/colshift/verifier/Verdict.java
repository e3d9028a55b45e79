package dev.colshift.verifier;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.verifier.check.CheckOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The verifier's finding on one migration, and the audit and phase events that report it.
 *
 * @param action what was asked: {@link #VERIFY} (the planner, after contract), {@link #REVERIFY} (on demand, drift
 *               detection) or {@link #VERIFY_COLUMN} (a column added by hand)
 */
public record Verdict(MigrationUnderCheck migration, List<CheckOutcome> outcomes, String action) {
    static final String ACTOR = "verifier";
    public static final String VERIFY = "verify";
    public static final String REVERIFY = "reverify";
    public static final String VERIFY_COLUMN = "verify-column";

    public Verdict {
        outcomes = List.copyOf(outcomes);
    }

    public Verdict(MigrationUnderCheck migration, List<CheckOutcome> outcomes) {
        this(migration, outcomes, VERIFY);
    }

    public boolean passed() {
        return outcomes.stream().allMatch(CheckOutcome::passed);
    }

    public List<CheckResult> checks() {
        return outcomes.stream().map(CheckOutcome::toCheckResult).toList();
    }

    /** One line for people: all passed, or the failed checks by name with their details. */
    public String detail() {
        if (passed()) {
            return "all " + outcomes.size() + " checks passed";
        }
        return "failed: "
                + outcomes.stream()
                        .filter(c -> !c.passed())
                        .map(c -> c.name() + " (" + c.detail() + ")")
                        .collect(Collectors.joining("; "));
    }

    /**
     * One audit record per check ({@code <action>:<check>}, with the SQL it ran and its result), then the verdict
     * ({@code <action>}, with every result). Fresh event ids on each call: call once per verdict.
     */
    public List<AuditRecord> auditRecords() {
        List<AuditRecord> records = new ArrayList<>();
        for (CheckOutcome outcome : outcomes) {
            records.add(AuditRecord.of(
                    migration.id(),
                    ACTOR,
                    action + ":" + outcome.name(),
                    outcome.passed() ? "SUCCEEDED" : "FAILED",
                    outcome.sql().isEmpty() ? null : String.join(";\n", outcome.sql()),
                    List.of(outcome.toCheckResult())));
        }
        records.add(AuditRecord.of(migration.id(), ACTOR, action, passed() ? "SUCCEEDED" : "FAILED", null, checks()));
        return records;
    }

    public PhaseChanged phaseChanged() {
        return PhaseChanged.of(
                migration.id(),
                passed() ? Phase.VERIFIED : Phase.VERIFICATION_FAILED,
                Phase.VERIFYING,
                migration.tableName(),
                migration.column(),
                detail(),
                checks());
    }
}
