package dev.colshift.planner.control;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A recurring window in which risky steps may run: from {@code start} to {@code end} (local times in {@code zone}, an
 * end before the start crossing midnight), on the given days (every day when empty). Pure.
 */
public record MaintenanceWindow(LocalTime start, LocalTime end, ZoneId zone, List<DayOfWeek> days) {

    public static MaintenanceWindow of(String start, String end, String timeZone, List<String> days) {
        return new MaintenanceWindow(
                LocalTime.parse(start),
                LocalTime.parse(end),
                ZoneId.of(timeZone == null ? "UTC" : timeZone),
                days == null
                        ? List.of()
                        : days.stream()
                                .map(d -> DayOfWeek.valueOf(expand(d.trim().toUpperCase(Locale.ROOT))))
                                .toList());
    }

    private static String expand(String day) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(day)) {
                return d.name();
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + day);
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!start.isAfter(end)) {
            return onDay(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // crosses midnight: the part after midnight belongs to the previous day's window
        return onDay(local.getDayOfWeek()) && !time.isBefore(start)
                || onDay(local.getDayOfWeek().minus(1)) && time.isBefore(end);
    }

    /** The next moment the window opens (now, if it is open). */
    public Instant nextOpening(Instant now) {
        if (isOpen(now)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime candidate =
                    local.toLocalDate().plusDays(day).atTime(start).atZone(zone);
            if (candidate.isAfter(local) && onDay(candidate.getDayOfWeek())) {
                return candidate.toInstant();
            }
        }
        return now.plus(Duration.ofDays(8));
    }

    private boolean onDay(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }
}
