package dev.colshift.planner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListLimitTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            none,          50
            '',            50
            '  ',          50
            1,             1
            ' 20 ',        20
            500,           500
            0,             none
            501,           none
            -1,            none
            +5,            none
            1.5,           none
            ten,           none
            0x10,          none
            99999999999,   none
            """)
    void parsesWholeNumbersFromOneToTheMaximum(String raw, Integer expected) {
        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected), ListLimit.parse(raw));
    }
}
