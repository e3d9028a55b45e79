package dev.colshift.planner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
    @Test
    void aNightlyWindowInAZone() {
        MaintenanceWindow berlin = MaintenanceWindow.of("02:00", "04:00", "Europe/Berlin", null);
        assertTrue(berlin.isOpen(Instant.parse("2026-11-25T01:30:00Z"))); // 02:30 in Berlin (CET)
        assertFalse(berlin.isOpen(Instant.parse("2026-11-25T03:30:00Z")));
        assertEquals(Instant.parse("2026-11-26T01:00:00Z"), berlin.nextOpening(Instant.parse("2026-11-25T03:30:00Z")));
    }

    @Test
    void aWindowAcrossMidnightOnWeekends() {
        MaintenanceWindow weekend = MaintenanceWindow.of("22:00", "02:00", "UTC", List.of("SAT", "SUN"));
        assertTrue(weekend.isOpen(Instant.parse("2026-11-28T23:00:00Z"))); // Saturday night
        assertTrue(weekend.isOpen(Instant.parse("2026-11-29T01:00:00Z"))); // after midnight, Saturday's window
        assertTrue(weekend.isOpen(Instant.parse("2026-11-30T01:00:00Z"))); // Monday 01:00 is still Sunday's window
        assertFalse(weekend.isOpen(Instant.parse("2026-12-01T01:00:00Z"))); // Tuesday 01:00: Monday has none
        assertEquals(Instant.parse("2026-11-28T22:00:00Z"), weekend.nextOpening(Instant.parse("2026-11-25T12:00:00Z")));
    }
}
