package dev.colshift.planner.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.Phase;
import org.junit.jupiter.api.Test;

class PhaseTransitionsTest {
    @Test
    void theHappyPathIsAllowedAndNothingJumpsAhead() {
        assertTrue(PhaseTransitions.allowed(Phase.ACCEPTED, Phase.EXPANDING));
        assertTrue(PhaseTransitions.allowed(Phase.VERIFYING, Phase.COMPLETED));
        assertFalse(PhaseTransitions.allowed(Phase.EXPANDING, Phase.COMPLETED));
        assertFalse(PhaseTransitions.allowed(Phase.ROLLED_BACK, Phase.EXPANDING));
        assertFalse(PhaseTransitions.allowed(Phase.COMPLETED, Phase.PAUSED));
    }

    @Test
    void operatorRequestsFitOnlyTheirPhases() {
        assertTrue(PhaseTransitions.accepts(DesiredState.PAUSE, Phase.BACKFILLING));
        assertFalse(PhaseTransitions.accepts(DesiredState.PAUSE, Phase.COMPLETED));
        assertTrue(PhaseTransitions.accepts(DesiredState.RUN, Phase.PAUSED));
        assertFalse(PhaseTransitions.accepts(DesiredState.CANCEL, Phase.ROLLED_BACK));
        assertTrue(PhaseTransitions.accepts(DesiredState.ROLLBACK, Phase.FAILED));
        assertTrue(PhaseTransitions.accepts(DesiredState.ROLLBACK, Phase.COMPLETED));
        assertFalse(PhaseTransitions.accepts(DesiredState.ROLLBACK, Phase.ROLLED_BACK));
    }
}
