package dev.colshift.planner.control;

import static dev.colshift.schemas.Phase.ACCEPTED;
import static dev.colshift.schemas.Phase.BACKFILLING;
import static dev.colshift.schemas.Phase.CANCELLED;
import static dev.colshift.schemas.Phase.COMPLETED;
import static dev.colshift.schemas.Phase.CONTRACTING;
import static dev.colshift.schemas.Phase.EXPANDING;
import static dev.colshift.schemas.Phase.FAILED;
import static dev.colshift.schemas.Phase.PAUSED;
import static dev.colshift.schemas.Phase.ROLLED_BACK;
import static dev.colshift.schemas.Phase.ROLLING_BACK;
import static dev.colshift.schemas.Phase.VERIFYING;

import dev.colshift.schemas.Phase;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every phase change a migration may make, written down once. The ledger refuses any other (its update names the
 * phase it moves from, and the driver asks here first).
 */
public final class PhaseTransitions {
    private static final Map<Phase, Set<Phase>> ALLOWED = Map.ofEntries(
            Map.entry(ACCEPTED, EnumSet.of(EXPANDING, PAUSED, CANCELLED, ROLLING_BACK, FAILED)),
            Map.entry(EXPANDING, EnumSet.of(BACKFILLING, CONTRACTING, PAUSED, CANCELLED, ROLLING_BACK, FAILED)),
            Map.entry(BACKFILLING, EnumSet.of(CONTRACTING, PAUSED, CANCELLED, ROLLING_BACK, FAILED)),
            Map.entry(CONTRACTING, EnumSet.of(VERIFYING, PAUSED, CANCELLED, ROLLING_BACK, FAILED)),
            Map.entry(VERIFYING, EnumSet.of(COMPLETED, FAILED, PAUSED, CANCELLED, ROLLING_BACK)),
            Map.entry(
                    PAUSED,
                    EnumSet.of(ACCEPTED, EXPANDING, BACKFILLING, CONTRACTING, VERIFYING, CANCELLED, ROLLING_BACK)),
            Map.entry(CANCELLED, EnumSet.of(ROLLING_BACK)),
            Map.entry(FAILED, EnumSet.of(ROLLING_BACK)),
            Map.entry(COMPLETED, EnumSet.of(ROLLING_BACK)),
            Map.entry(ROLLING_BACK, EnumSet.of(ROLLED_BACK, FAILED)),
            Map.entry(ROLLED_BACK, EnumSet.noneOf(Phase.class)));

    private PhaseTransitions() {}

    public static boolean allowed(Phase from, Phase to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** The phases a migration may be in when the operator asks for this. */
    public static boolean accepts(DesiredState wanted, Phase phase) {
        return switch (wanted) {
            case PAUSE -> allowed(phase, PAUSED) || phase == PAUSED;
            case RUN -> phase == PAUSED || !phase.terminal() && phase != ROLLING_BACK;
            case CANCEL -> allowed(phase, CANCELLED);
            case ROLLBACK, ROLLBACK_KEEPING_COLUMN -> allowed(phase, ROLLING_BACK) || phase == ROLLING_BACK;
        };
    }
}
