package dev.colshift.planner.trace;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The OpenTelemetry SDK on (it is off by default), exporting to {@link InMemorySpans} every 50 ms. */
public class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
