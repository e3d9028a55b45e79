package dev.colshift.worker;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Puts a piece of this service's work in a span of its own, child of the current context: inside a Kafka listener
 * that is the consumer span the connector opened from the message's {@code traceparent} header, so the work joins the
 * migration's trace. With the OpenTelemetry SDK disabled (the default) the spans are exported nowhere.
 */
@ApplicationScoped
public class WorkSpans {
    static final String MIGRATION_ID = "colshift.migration.id";

    private final Tracer tracer;

    public WorkSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs the work inside a span named {@code name}, current while the work is subscribed, ended when it ends. */
    public <T> Uni<T> around(String name, String migrationId, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>emitter(emitter -> {
            Span span = tracer.spanBuilder(name)
                    .setParent(Context.current())
                    .setAttribute(MIGRATION_ID, migrationId)
                    .startSpan();
            Cancellable running;
            try (Scope ignored = span.makeCurrent()) {
                running = work.get()
                        .onTermination()
                        .invoke((item, failure, cancelled) -> {
                            if (failure != null) {
                                span.recordException(failure);
                                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                            }
                            span.end();
                        })
                        .subscribe()
                        .with(emitter::complete, emitter::fail);
            }
            emitter.onTermination(running::cancel);
        });
    }
}
