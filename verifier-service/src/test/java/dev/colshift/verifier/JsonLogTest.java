package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colshift.testkit.ColshiftTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * The JSON log switch ({@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true}): the console handler then writes each record
 * as one JSON object. The same property and extension are on every service.
 */
@QuarkusTest
@TestProfile(JsonLogTest.JsonLogs.class)
@WithTestResource(ColshiftTestResources.class)
class JsonLogTest {
    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    @Test
    void aConsoleLineIsOneJsonObject() throws Exception {
        Formatter console = consoleFormatter();
        ExtLogRecord record = new ExtLogRecord(
                org.jboss.logmanager.Level.INFO, "migration %s verified", ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[] {"m-json"});
        record.setLoggerName("dev.colshift.verifier.JsonLogTest");
        String line = console.format(record);

        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("migration m-json verified", json.get("message").asText(), line);
        assertEquals("INFO", json.get("level").asText(), line);
        assertEquals("dev.colshift.verifier.JsonLogTest", json.get("loggerName").asText(), line);
        assertNotNull(json.get("timestamp"), line);
    }

    /** The formatter of the console handler under the root logger (Quarkus nests handlers). */
    private static Formatter consoleFormatter() {
        Deque<Handler> handlers =
                new ArrayDeque<>(java.util.List.of(Logger.getLogger("").getHandlers()));
        while (!handlers.isEmpty()) {
            Handler handler = handlers.pop();
            if (handler instanceof ConsoleHandler) {
                return handler.getFormatter();
            }
            if (handler instanceof ExtHandler nested) {
                handlers.addAll(java.util.List.of(nested.getHandlers()));
            }
        }
        throw new AssertionError("no console handler under the root logger");
    }
}
