package dev.colshift.planner.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the spec's table field: a bare name or schema.name, each part a valid identifier. */
class TableNameTest {

    @Test
    void parsesABareName() {
        assertEquals(Optional.of(new TableName(Optional.empty(), "users")), TableName.parse("users"));
    }

    @Test
    void parsesASchemaQualifiedName() {
        assertEquals(Optional.of(new TableName(Optional.of("public"), "users")), TableName.parse("public.users"));
    }

    @Test
    void keepsTheCaseOfEachPart() {
        assertEquals(Optional.of(new TableName(Optional.of("Sales"), "Orders")), TableName.parse("Sales.Orders"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a.b.c",
                "users;drop",
                "users; drop table users",
                "",
                ".",
                ".users",
                "users.",
                "public..users",
                "public. users",
                "\"public\".users",
                "1users",
                "public.1users",
                "us ers"
            })
    void rejectsAnythingElse(String text) {
        assertTrue(TableName.parse(text).isEmpty(), text);
    }

    @Test
    void rejectsNull() {
        assertTrue(TableName.parse(null).isEmpty());
    }
}
