package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.Phase;
import dev.colshift.verifier.PlannedStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Decides whether every planned DDL step (expand and contract phases) is in the step ledger and the audit log. */
public final class AuditTrail {
    static final String NAME = "audit-trail";
    private static final Set<Phase> DDL_PHASES = Set.of(Phase.EXPANDING, Phase.CONTRACTING);

    private AuditTrail() {}

    /**
     * @param completedSteps step ids in {@code colshift.steps}
     * @param auditedSteps   actions with outcome SUCCEEDED in {@code colshift.audit_log}
     */
    public static CheckResult evaluate(List<PlannedStep> plan, Set<String> completedSteps, Set<String> auditedSteps) {
        List<String> required = plan.stream()
                .filter(s -> DDL_PHASES.contains(s.phase()))
                .map(PlannedStep::id)
                .toList();
        List<String> problems = new ArrayList<>();
        List<String> notCompleted =
                required.stream().filter(id -> !completedSteps.contains(id)).toList();
        if (!notCompleted.isEmpty()) {
            problems.add("not in the step ledger: " + String.join(", ", notCompleted));
        }
        List<String> notAudited =
                required.stream().filter(id -> !auditedSteps.contains(id)).toList();
        if (!notAudited.isEmpty()) {
            problems.add("no SUCCEEDED audit entry: " + String.join(", ", notAudited));
        }
        return problems.isEmpty()
                ? CheckResult.pass(NAME, required.size() + " DDL step(s) recorded and audited")
                : CheckResult.fail(NAME, String.join("; ", problems));
    }
}
