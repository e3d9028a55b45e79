package dev.colshift.schemas;

import java.util.List;
import java.util.Optional;

/**
 * One step of a keyset walk over the key span captured at backfill start, pure: where the next range starts and how
 * a boundary probe's answer becomes that range. The walk holds only the previous range, so it runs in bounded memory
 * and a restarted walk carries on from the last range stored.
 */
public final class KeysetWalk {
    private KeysetWalk() {}

    /** Whether the walk has reached the captured maximum: the last range includes it. */
    public static boolean finished(KeyRange previous) {
        return previous != null && previous.upperInclusive();
    }

    /** The lower bound of the range after {@code previous} (null: the first range, which starts at the minimum). */
    public static List<String> nextLower(KeyRange previous, List<String> keyMin) {
        if (finished(previous)) {
            throw new IllegalStateException("the walk ended with " + previous.describe());
        }
        return previous == null ? keyMin : previous.upper();
    }

    /**
     * The range starting at {@code lower}: up to the probe's key (the first key of the following range), or, when the
     * probe found none within the captured maximum, the last range, up to and including that maximum.
     */
    public static KeyRange range(
            KeyRange previous, List<String> lower, Optional<List<String>> followingLower, List<String> keyMax) {
        long id = previous == null ? 0 : previous.rangeId() + 1;
        return followingLower
                .map(upper -> new KeyRange(id, lower, upper, false))
                .orElseGet(() -> new KeyRange(id, lower, keyMax, true));
    }

    /** Why a message does not name the stored range exactly, or null when it does. */
    public static String problemWith(KeyRange stored, BackfillBatch message) {
        if (stored == null) {
            return "range " + message.rangeId() + " is not a stored range of migration " + message.migrationId();
        }
        boolean same = message.integerBounds()
                ? stored.matchesIntegerBounds(message.lowerBound(), message.upperBound())
                : stored.equals(message.keyRange());
        return same ? null : message.describe() + " is not the stored " + stored.describe();
    }
}
