package dev.colshift.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The conflict table from the PostgreSQL documentation (13.3.1, "Conflicting Lock Modes"). */
class LockLevelTest {

    @Test
    void accessExclusiveWaitsForEveryMode() {
        assertEquals(8, LockLevel.ACCESS_EXCLUSIVE.conflictingModes().size());
        assertTrue(LockLevel.ACCESS_EXCLUSIVE.conflictingModes().contains("AccessShareLock"));
    }

    @Test
    void validateConstraintDoesNotWaitForReadersOrWriters() {
        List<String> modes = LockLevel.SHARE_UPDATE_EXCLUSIVE.conflictingModes();
        assertFalse(modes.contains("AccessShareLock"));
        assertFalse(modes.contains("RowShareLock"));
        assertFalse(modes.contains("RowExclusiveLock"));
        assertTrue(modes.contains("ShareUpdateExclusiveLock"), "self-conflicting: one VALIDATE or VACUUM at a time");
    }

    @Test
    void createTriggerWaitsForWritersButNotReaders() {
        List<String> modes = LockLevel.SHARE_ROW_EXCLUSIVE.conflictingModes();
        assertTrue(modes.contains("RowExclusiveLock"));
        assertFalse(modes.contains("AccessShareLock"));
        assertFalse(modes.contains("RowShareLock"));
    }

    @Test
    void rowExclusiveWaitsOnlyForShareAndStronger() {
        assertEquals(
                List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
                LockLevel.ROW_EXCLUSIVE.conflictingModes());
        assertTrue(LockLevel.NONE.conflictingModes().isEmpty());
    }
}
