package dev.colshift.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every golden example is checked against both its JSON Schema and its Java record. */
class GoldenExamplesTest {

    @TestFactory
    Stream<DynamicTest> validExamplesSatisfySchemaAndRecordAndRoundTrip() throws Exception {
        return goldenFiles("-valid-")
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String json = Files.readString(file);
                    String schemaFile = schemaFileFor(file);
                    assertEquals(List.of(), EventSchemas.validate(schemaFile, json));
                    Event event = EventCodec.decode(json);
                    assertEquals(schemaFile, EventSchemas.fileName(event.type(), event.schemaVersion()));
                    String reencoded = EventCodec.encode(event);
                    assertEquals(List.of(), EventSchemas.validate(schemaFile, reencoded));
                    assertEquals(event, EventCodec.decode(reencoded));
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidExamplesAreRejectedBySchemaAndCodec() throws Exception {
        return goldenFiles("-invalid-")
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String json = Files.readString(file);
                    assertFalse(EventSchemas.validate(schemaFileFor(file), json).isEmpty());
                    assertThrows(InvalidEventException.class, () -> EventCodec.decode(json));
                }));
    }

    @Test
    void everyEventTypeHasValidAndInvalidExamples() throws Exception {
        for (String type : List.of(
                MigrationRequested.TYPE,
                PhaseChanged.TYPE,
                BackfillBatch.TYPE,
                BackfillProgress.TYPE,
                AuditRecord.TYPE)) {
            assertTrue(goldenFiles(type + "-v1-valid-").findAny().isPresent(), type + " valid example");
            assertTrue(goldenFiles(type + "-v1-invalid-").findAny().isPresent(), type + " invalid example");
        }
        assertTrue(goldenFiles("backfill-batch-v2-valid-").findAny().isPresent(), "backfill-batch v2 valid example");
        assertTrue(goldenFiles("backfill-batch-v2-invalid-").findAny().isPresent(), "backfill-batch v2 invalid");
    }

    @Test
    void recordsBuiltInCodeSatisfyTheirSchemas() {
        MigrationSpec spec = new MigrationSpec("users", "plan_code", "smallint", null, false, "plan_id * 10", 5000);
        List<Event> events = List.of(
                MigrationRequested.of("m1", "tests", spec),
                PhaseChanged.of("m1", Phase.BACKFILLING, Phase.EXPANDING, "public.users", "plan_code", null, null),
                PhaseChanged.of(
                        "m1",
                        Phase.VERIFICATION_FAILED,
                        Phase.VERIFYING,
                        "public.users",
                        "plan_code",
                        "1 failed",
                        List.of(CheckResult.fail("no-nulls", "3 rows are NULL"))),
                BackfillBatch.of("m1", 3, 30001, 40001),
                BackfillBatch.of(
                        "m1",
                        List.of(new KeyColumn("tenant", "integer"), new KeyColumn("id", "uuid")),
                        new KeyRange(3, List.of("1", "a0ee"), List.of("2", "0b1c"), false)),
                BackfillProgress.of("m1", 3, 10000, 120, 1, "w1", false),
                AuditRecord.of("m1", "planner", "expand", "SUCCEEDED", "ALTER TABLE ...", null));
        for (Event event : events) {
            String json = EventCodec.encode(event);
            assertEquals(
                    List.of(),
                    EventSchemas.validate(EventSchemas.fileName(event.type(), event.schemaVersion()), json),
                    json);
            assertEquals(event, EventCodec.decode(json));
        }
    }

    @Test
    void decodeRejectsUnknownTypeVersionAndNonJson() {
        assertThrows(InvalidEventException.class, () -> EventCodec.decode("not json"));
        assertThrows(InvalidEventException.class, () -> EventCodec.decode("{\"type\":\"nope\"}"));
        String v3 = EventCodec.encode(BackfillBatch.of("m1", 0, 1, 2))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":3");
        assertThrows(InvalidEventException.class, () -> EventCodec.decode(v3));
        String v1BoundsAsV2 = EventCodec.encode(BackfillBatch.of("m1", 0, 1, 2))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThrows(InvalidEventException.class, () -> EventCodec.decode(v1BoundsAsV2));
        String batch = EventCodec.encode(BackfillBatch.of("m1", 0, 1, 2));
        assertThrows(InvalidEventException.class, () -> EventCodec.decode(batch, BackfillProgress.class));
    }

    private static Stream<Path> goldenFiles(String containing) throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenExamplesTest.class.getResource("/golden").toURI());
        return Files.list(dir)
                .filter(p -> p.getFileName().toString().contains(containing))
                .sorted();
    }

    private static String schemaFileFor(Path golden) {
        String name = golden.getFileName().toString();
        return name.substring(0, name.indexOf("-valid-") > 0 ? name.indexOf("-valid-") : name.indexOf("-invalid-"))
                + ".schema.json";
    }
}
