package dev.colshift.planner.plan;

import dev.colshift.schemas.Phase;
import java.util.List;

/** {@code COMMENT ON COLUMN}: catalog only, under a lock that does not block reads or writes. */
public final class CommentOperation implements Operation {
    @Override
    public List<PlanStep> steps(PlanInput in) {
        String comment = in.spec().comment();
        if (comment == null) {
            return List.of();
        }
        String target = "COMMENT ON COLUMN " + in.qualifiedTable() + "." + in.quotedColumn() + " IS ";
        return List.of(PlanStep.inTransaction(
                        in.stepId("comment"),
                        Phase.CONTRACTING,
                        "describe the column",
                        List.of(target + SqlLiterals.quote(comment)),
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        false)
                .undoneBy(Undo.inTransaction("remove the comment", List.of(target + "NULL"))));
    }
}
