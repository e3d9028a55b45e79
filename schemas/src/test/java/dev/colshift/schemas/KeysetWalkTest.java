package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The walk's steps chain: each range starts where the previous ended, and the last includes the captured maximum. */
class KeysetWalkTest {
    private static final List<String> MIN = List.of("1000");
    private static final List<String> MAX = List.of("9000");

    @Test
    void rangesChainFromTheMinimumToTheMaximumIncluded() {
        List<Optional<List<String>>> probes =
                List.of(Optional.of(List.of("4000")), Optional.of(List.of("7000")), Optional.empty());
        List<KeyRange> walked = new ArrayList<>();
        KeyRange previous = null;
        for (Optional<List<String>> probe : probes) {
            previous = KeysetWalk.range(previous, KeysetWalk.nextLower(previous, MIN), probe, MAX);
            walked.add(previous);
        }
        assertEquals(
                List.of(
                        new KeyRange(0, MIN, List.of("4000"), false),
                        new KeyRange(1, List.of("4000"), List.of("7000"), false),
                        new KeyRange(2, List.of("7000"), MAX, true)),
                walked);
        assertTrue(KeysetWalk.finished(previous));
        KeyRange last = previous;
        assertThrows(IllegalStateException.class, () -> KeysetWalk.nextLower(last, MIN));
    }

    @Test
    void aSpanWithinOneBatchIsOneRangeIncludingItsOnlyKey() {
        KeyRange only = KeysetWalk.range(null, List.of("42"), Optional.empty(), List.of("42"));
        assertEquals(new KeyRange(0, List.of("42"), List.of("42"), true), only);
        assertFalse(KeysetWalk.finished(null));
    }

    @Test
    void aMessageMustNameTheStoredRangeExactly() {
        List<KeyColumn> key = List.of(new KeyColumn("tenant", "integer"), new KeyColumn("id", "uuid"));
        KeyRange stored = new KeyRange(4, List.of("1", "a"), List.of("2", "b"), false);
        assertNull(KeysetWalk.problemWith(stored, BackfillBatch.of("m1", key, stored)));
        BackfillBatch widened =
                BackfillBatch.of("m1", key, new KeyRange(4, List.of("0", "a"), List.of("2", "b"), false));
        assertEquals(
                "range 4 [0, a] .. [2, b) is not the stored range 4 [1, a] .. [2, b)",
                KeysetWalk.problemWith(stored, widened));
        BackfillBatch inclusive =
                BackfillBatch.of("m1", key, new KeyRange(4, List.of("1", "a"), List.of("2", "b"), true));
        assertTrue(KeysetWalk.problemWith(stored, inclusive) != null);
        assertEquals(
                "range 9 is not a stored range of migration m1",
                KeysetWalk.problemWith(null, BackfillBatch.of("m1", 9, 1, 2)));
    }

    @Test
    void aVersionOneMessageNamesAStoredIntegerRangeByItsBounds() {
        KeyRange last = new KeyRange(2, List.of("7000"), MAX, true);
        assertNull(KeysetWalk.problemWith(last, BackfillBatch.of("m1", 2, 7000, 9001)));
        assertEquals(
                "range 2 [7000, 9000) is not the stored range 2 [7000] .. [9000]",
                KeysetWalk.problemWith(last, BackfillBatch.of("m1", 2, 7000, 9000)));
    }
}
