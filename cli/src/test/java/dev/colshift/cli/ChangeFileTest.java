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
        ChangeFile change = ChangeFile.read(file, null, List.of("identity-rewrites"));
        assertEquals("application/sql", change.mediaType());
        assertEquals("ALTER TABLE t ADD COLUMN c int", change.body());
        assertEquals(List.of("identity-rewrites"), change.queryHazards());
    }

    @Test
    void jsonGoesAsJsonWithHazardsAddedToTheSpec() throws Exception {
        Path file = Files.writeString(dir.resolve("spec.json"), """
                {"table":"t","column":"c","type":"int","allowHazards":["a"]}""");
        ChangeFile change = ChangeFile.read(file, null, List.of("a", "b"));
        assertEquals("application/json", change.mediaType());
        assertEquals(
                "{\"table\":\"t\",\"column\":\"c\",\"type\":\"int\",\"allowHazards\":[\"a\",\"b\"]}", change.body());
        assertEquals(List.of(), change.queryHazards());
    }

    @Test
    void whatIsNotAnObjectIsSentAsItIsForThePlannerToJudge() {
        assertEquals("[1]", ChangeFile.withHazards("[1]", List.of("a")));
        assertEquals("{not json", ChangeFile.withHazards("{not json", List.of("a")));
        assertEquals("{\"allowHazards\":\"a\"}", ChangeFile.withHazards("{\"allowHazards\":\"a\"}", List.of("b")));
    }

    @Test
    void formatOverridesTheExtension() throws Exception {
        Path file = Files.writeString(dir.resolve("change.txt"), "ALTER TABLE t ADD COLUMN c int");
        assertEquals(
                2,
                assertThrows(CliFailure.class, () -> ChangeFile.read(file, null, List.of()))
                        .exitCode());
        assertEquals(
                "application/sql",
                ChangeFile.read(file, ChangeFile.Format.sql, List.of()).mediaType());
    }

    @Test
    void aMissingFileIsBadInput() {
        CliFailure failure =
                assertThrows(CliFailure.class, () -> ChangeFile.read(dir.resolve("gone.sql"), null, List.of()));
        assertEquals(2, failure.exitCode());
    }
}
