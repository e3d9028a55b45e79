package dev.colshift.planner.plan;

import java.util.List;

/** One kind of change a migration may need. Returns its steps, or none when the spec does not call for it. */
public interface Operation {
    List<PlanStep> steps(PlanInput input);
}
