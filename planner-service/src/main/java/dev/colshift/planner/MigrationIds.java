package dev.colshift.planner;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Migration ids: sortable by creation time, unguessable, and safe inside identifiers ({@code m20261124T201500-1a2b3c4d}). */
public final class MigrationIds {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private MigrationIds() {}

    public static String next(Clock clock) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return "m" + STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }
}
