package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a change file is sent: media type by extension or --format, hazards by the door's own means. */
class ChangeFileTest {
    @TempDir
    Path dir;

    @Test
    void sqlGoesAsSqlWithHazardsInTheQuery() throws Exception {
        Path file = Files.writeString(dir.resolve("change.SQL"), "ALTER TABLE t ADD COLUMN c int");
        ChangeFile change = ChangeFile.read(file, null, List.of("identity-rewrites"), List.of("SELECT 1 FROM t"));
        assertEquals("application/sql", change.mediaType());
        assertEquals("ALTER TABLE t ADD COLUMN c int", change.body());
        assertEquals(List.of("identity-rewrites"), change.queryHazards());
        assertEquals(List.of("SELECT 1 FROM t"), change.queryWatches());
    }

    @Test
    void jsonGoesAsJsonWithHazardsAddedToTheSpec() throws Exception {
        Path file = Files.writeString(dir.resolve("spec.json"), """
                {"table":"t","column":"c","type":"int","allowHazards":["a"]}""");
        ChangeFile change = ChangeFile.read(file, null, List.of("a", "b"), List.of("SELECT c FROM t"));
        assertEquals("application/json", change.mediaType());
        assertEquals(
                "{\"table\":\"t\",\"column\":\"c\",\"type\":\"int\",\"allowHazards\":[\"a\",\"b\"],"
                        + "\"watchQueries\":[\"SELECT c FROM t\"]}",
                change.body());
        assertEquals(List.of(), change.queryHazards());
        assertEquals(List.of(), change.queryWatches());
    }

    @Test
    void whatIsNotAnObjectIsSentAsItIsForThePlannerToJudge() {
        assertEquals("[1]", ChangeFile.withAdded("[1]", "allowHazards", List.of("a")));
        assertEquals("{not json", ChangeFile.withAdded("{not json", "allowHazards", List.of("a")));
        assertEquals(
                "{\"allowHazards\":\"a\"}",
                ChangeFile.withAdded("{\"allowHazards\":\"a\"}", "allowHazards", List.of("b")));
    }

    @Test
    void formatOverridesTheExtension() throws Exception {
        Path file = Files.writeString(dir.resolve("change.txt"), "ALTER TABLE t ADD COLUMN c int");
        assertEquals(
                2,
                assertThrows(CliFailure.class, () -> ChangeFile.read(file, null, List.of(), List.of()))
                        .exitCode());
        assertEquals(
                "application/sql",
                ChangeFile.read(file, ChangeFile.Format.sql, List.of(), List.of())
                        .mediaType());
    }

    @Test
    void aMissingFileIsBadInput() {
        CliFailure failure = assertThrows(
                CliFailure.class, () -> ChangeFile.read(dir.resolve("gone.sql"), null, List.of(), List.of()));
        assertEquals(2, failure.exitCode());
    }
}
