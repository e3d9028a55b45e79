package dev.colshift.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schema files shipped in this module, by event type, and validation of raw JSON against them. */
public final class EventSchemas {
    private static final String FOLDER = "dev/colshift/schemas/";
    private static final String LOCATION = "classpath:" + FOLDER;
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** Schema file name for an event type and version, e.g. {@code backfill-batch-v1.schema.json}. */
    public static String fileName(String type, int version) {
        return type + "-v" + version + ".schema.json";
    }

    /** Validation errors of {@code json} against the named schema file; empty when valid. */
    public static List<String> validate(String schemaFile, String json) {
        Schema schema = LOADED.computeIfAbsent(schemaFile, f -> REGISTRY.getSchema(SchemaLocation.of(LOCATION + f)));
        return schema.validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    public static boolean exists(String schemaFile) {
        return EventSchemas.class.getResource(resourcePath(schemaFile)) != null;
    }

    private static String resourcePath(String schemaFile) {
        return "/" + FOLDER + schemaFile;
    }
}
