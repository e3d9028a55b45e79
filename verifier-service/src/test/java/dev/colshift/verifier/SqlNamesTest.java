package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlNamesTest {
    @Test
    void quotesAndDoublesEmbeddedQuotes() {
        assertEquals("\"users\"", SqlNames.quote("users"));
        assertEquals("\"a\"\"; DROP TABLE x; --\"", SqlNames.quote("a\"; DROP TABLE x; --"));
        assertEquals("\"public\".\"Order \"\"Lines\"\"\"", SqlNames.qualified("public", "Order \"Lines\""));
    }

    @Test
    void catalogNamesAreCutTo63BytesOnACharacterBoundary() {
        String id = "m".repeat(63);
        assertEquals(("colshift_nn_" + id).substring(0, 63), SqlNames.catalogName("colshift_nn_" + id));
        assertEquals("short", SqlNames.catalogName("short"));
        String wide = "x".repeat(62) + "é";
        assertEquals("x".repeat(62), SqlNames.catalogName(wide));
    }
}
