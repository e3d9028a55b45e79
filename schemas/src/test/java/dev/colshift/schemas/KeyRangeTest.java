package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A keyset range's bounds, and how a version-1 message's integer bounds name one. */
class KeyRangeTest {

    @Test
    void aVersionOneMessageNamesAHalfOpenIntegerRangeByItsBounds() {
        KeyRange range = new KeyRange(0, List.of("1000"), List.of("11000"), false);
        assertTrue(range.matchesIntegerBounds(1000, 11000));
        assertFalse(range.matchesIntegerBounds(1000, 11001));
        assertFalse(range.matchesIntegerBounds(999, 11000));
    }

    @Test
    void theLastRangeIncludesItsUpperKeySoVersionOneSaysOnePastIt() {
        KeyRange last = new KeyRange(9, List.of("9001"), List.of("10000"), true);
        assertTrue(last.matchesIntegerBounds(9001, 10001));
        assertFalse(last.matchesIntegerBounds(9001, 10000));
        assertFalse(last.matchesIntegerBounds(9001, Long.MIN_VALUE));
    }

    @Test
    void aCompositeOrTextRangeIsNeverNamedByIntegers() {
        assertFalse(new KeyRange(0, List.of("1", "a"), List.of("2", "b"), false).matchesIntegerBounds(1, 2));
        assertFalse(new KeyRange(0, List.of("01"), List.of("2"), false).matchesIntegerBounds(1, 2));
    }

    @Test
    void boundsHaveOneValuePerKeyColumn() {
        assertThrows(IllegalArgumentException.class, () -> new KeyRange(0, List.of("1"), List.of("2", "x"), false));
        assertThrows(IllegalArgumentException.class, () -> new KeyRange(0, List.of(), List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new KeyRange(-1, List.of("1"), List.of("2"), false));
    }

    @Test
    void describedWithTheUpperBracketSayingWhetherItIsIncluded() {
        assertEquals(
                "range 2 [7, a] .. [9, b)", new KeyRange(2, List.of("7", "a"), List.of("9", "b"), false).describe());
        assertEquals("range 3 [x] .. [z]", new KeyRange(3, List.of("x"), List.of("z"), true).describe());
    }
}
