package dev.colshift.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;

/**
 * Turns events into the JSON text that travels on Kafka and back. Reading checks the message against its JSON
 * Schema first, so a consumer never acts on a message the contract does not allow.
 */
public final class EventCodec {
    private static final Map<String, Class<? extends Event>> TYPES = Map.of(
            MigrationRequested.TYPE, MigrationRequested.class,
            PhaseChanged.TYPE, PhaseChanged.class,
            BackfillBatch.TYPE, BackfillBatch.class,
            BackfillProgress.TYPE, BackfillProgress.class,
            AuditRecord.TYPE, AuditRecord.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.type(), e);
        }
    }

    /** Reads any known event, choosing the record by the message's {@code type}. */
    public static Event decode(String json) {
        JsonNode tree = readTree(json);
        String type = tree.path("type").asText("");
        Class<? extends Event> recordType = TYPES.get(type);
        if (recordType == null) {
            throw new InvalidEventException("unknown event type '" + type + "'");
        }
        return decode(json, tree, recordType);
    }

    /** Reads an event that must be of the given record type. */
    public static <T extends Event> T decode(String json, Class<T> recordType) {
        return decode(json, readTree(json), recordType);
    }

    private static <T extends Event> T decode(String json, JsonNode tree, Class<T> recordType) {
        String expectedType = typeOf(recordType);
        String type = tree.path("type").asText("");
        if (!expectedType.equals(type)) {
            throw new InvalidEventException("expected type '" + expectedType + "' but got '" + type + "'");
        }
        int version = tree.path("schemaVersion").asInt(0);
        String schemaFile = EventSchemas.fileName(type, version);
        if (!EventSchemas.exists(schemaFile)) {
            throw new InvalidEventException("unsupported schemaVersion " + version + " for type '" + type + "'");
        }
        List<String> errors = EventSchemas.validate(schemaFile, json);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(
                    type + " v" + version + " violates its schema: " + String.join("; ", errors));
        }
        try {
            return MAPPER.treeToValue(tree, recordType);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot read " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new InvalidEventException("message is not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("message is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String typeOf(Class<? extends Event> recordType) {
        return TYPES.entrySet().stream()
                .filter(e -> e.getValue().equals(recordType))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(recordType + " is not a registered event"));
    }
}
