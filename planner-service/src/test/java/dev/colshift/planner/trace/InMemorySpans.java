package dev.colshift.planner.trace;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The tests' span exporter: a CDI {@code SpanExporter} bean replaces Quarkus' OTLP exporter, so spans stay in memory
 * for the test to read (and nothing is sent anywhere even when a test turns the SDK on).
 */
@ApplicationScoped
public class InMemorySpans {
    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
