package dev.colshift.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RangeSplitTest {

    @Test
    void eachTimeoutHalvesThePiecesDownToOneRow() {
        RangeSplit split = new RangeSplit(1000);
        assertEquals(OptionalInt.of(500), split.pieceRows(1));
        assertEquals(OptionalInt.of(250), split.pieceRows(2));
        assertEquals(OptionalInt.of(1), split.pieceRows(9)); // 1000 >> 9
    }

    @Test
    void aPieceOfOneRowThatTimesOutIsTheEnd() {
        assertEquals(OptionalInt.empty(), new RangeSplit(1000).pieceRows(10));
        assertEquals(OptionalInt.empty(), new RangeSplit(1).pieceRows(1));
        assertEquals(OptionalInt.of(1), new RangeSplit(2).pieceRows(1));
        assertEquals(OptionalInt.empty(), new RangeSplit(2).pieceRows(2));
    }

    @Test
    void manyTimeoutsDoNotOverflowTheShift() {
        assertEquals(OptionalInt.empty(), new RangeSplit(Integer.MAX_VALUE).pieceRows(40));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RangeSplit(0));
        assertThrows(IllegalArgumentException.class, () -> new RangeSplit(10).pieceRows(0));
    }
}
