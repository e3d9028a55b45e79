package dev.colshift.planner.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which names colshift accepts as identifiers, and how they are always quoted on their way into SQL. */
class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"users", "_x", "a$b", "Users", "last_login", "x1", "_", "select"})
    void acceptsPostgresIdentifiers(String name) {
        assertTrue(Identifiers.isValid(name), name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "1abc",
                "$a",
                "a b",
                " users",
                "users ",
                "a\"b",
                "a'b",
                "a;b",
                "a-b",
                "a.b",
                "users;drop",
                "a\nb",
                "a\u0000b"
            })
    void rejectsAnythingElse(String name) {
        assertFalse(Identifiers.isValid(name), name);
    }

    @Test
    void rejectsNull() {
        assertFalse(Identifiers.isValid(null));
    }

    @Test
    void acceptsExactlySixtyThreeBytes() {
        String name = "a".repeat(63);
        assertTrue(Identifiers.isValid(name));
        assertFalse(Identifiers.isValid(name + "b"));
    }

    @Test
    void countsBytesNotCharactersWhenOverTheLimit() {
        // 63 characters but 64 bytes in UTF-8: PostgreSQL would truncate it, so it must not pass.
        String name = "\u00e9" + "a".repeat(62);
        assertEquals(63, name.length());
        assertEquals(64, name.getBytes(StandardCharsets.UTF_8).length);
        assertFalse(Identifiers.isValid(name));
    }

    @Test
    void rejectsNonAsciiLettersEvenWithinTheByteLimit() {
        // Only ASCII letters are accepted, so the byte limit never differs from the character limit in practice.
        assertFalse(Identifiers.isValid("caf\u00e9"));
    }

    @Test
    void quotesEveryIdentifier() {
        assertEquals("\"users\"", Identifiers.quote("users"));
        assertEquals("\"Users\"", Identifiers.quote("Users"));
        assertEquals("\"select\"", Identifiers.quote("select"));
    }

    @Test
    void quoteDoublesEmbeddedQuotes() {
        assertEquals("\"a\"\"b\"", Identifiers.quote("a\"b"));
        assertEquals("\"\"\"\"", Identifiers.quote("\""));
        assertEquals("\"x\"\"; drop table users; --\"", Identifiers.quote("x\"; drop table users; --"));
    }

    @Test
    void qualifiedQuotesBothParts() {
        assertEquals("\"public\".\"users\"", Identifiers.qualified("public", "users"));
        assertEquals("\"My Schema\".\"we\"\"ird\"", Identifiers.qualified("My Schema", "we\"ird"));
    }
}
