package dev.colshift.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RangeSplitTest {

    @Test
    void piecesHaveHalfTheRowsOfWhatTimedOut() {
        assertEquals(OptionalInt.of(500), RangeSplit.pieceRowsAfter(1000));
        assertEquals(OptionalInt.of(1), RangeSplit.pieceRowsAfter(3));
        assertEquals(OptionalInt.of(1), RangeSplit.pieceRowsAfter(2));
    }

    @Test
    void aPieceOfOneRowThatTimesOutIsTheEnd() {
        assertEquals(OptionalInt.empty(), RangeSplit.pieceRowsAfter(1));
        assertEquals(OptionalInt.empty(), RangeSplit.pieceRowsAfter(0));
    }
}
