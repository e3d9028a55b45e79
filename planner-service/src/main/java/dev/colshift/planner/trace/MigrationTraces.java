package dev.colshift.planner.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One trace per migration. At intake a span for the migration is started as a child of whatever is current (the
 * HTTP request, the Kafka request) and its W3C {@code traceparent} is kept in {@code colshift.migrations}; every
 * message sent for the migration later, however long after and from whichever planner, takes that stored context as
 * its parent, so the worker's and the verifier's consumer spans join the same trace. With the OpenTelemetry SDK
 * disabled (the default) nothing is stored and no span is exported.
 */
@ApplicationScoped
public class MigrationTraces {
    static final String MIGRATION_ID = "colshift.migration.id";
    /** Contexts are looked up per batch message; a long-running planner forgets them all now and then. */
    private static final int REMEMBERED = 10_000;

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final Pool pool;
    private final boolean tracingOff;
    private final Map<String, Context> contexts = new ConcurrentHashMap<>();

    public MigrationTraces(
            Tracer tracer,
            Pool pool,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingOff) {
        this.tracer = tracer;
        this.pool = pool;
        this.tracingOff = tracingOff;
    }

    /**
     * Records the migration's own span (a child of the current context) and returns its {@code traceparent}, or null
     * when tracing is off.
     */
    public String begin(String migrationId) {
        if (tracingOff) {
            return null;
        }
        Span span = tracer.spanBuilder("migration " + migrationId)
                .setParent(Context.current())
                .setAttribute(MIGRATION_ID, migrationId)
                .startSpan();
        span.end();
        return traceparent(span.getSpanContext());
    }

    /**
     * The context every message of the migration is sent under: its stored span. A migration without one (accepted
     * while tracing was off, or before this column existed) gets one now; the first planner to store it wins.
     */
    public Uni<Context> contextOf(String migrationId) {
        Context known = contexts.get(migrationId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.preparedQuery("SELECT traceparent FROM colshift.migrations WHERE id = $1")
                .execute(Tuple.of(migrationId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Context.current());
                    }
                    String stored = rows.iterator().next().getString("traceparent");
                    if (stored != null) {
                        return Uni.createFrom().item(remember(migrationId, stored));
                    }
                    String started = begin(migrationId);
                    if (started == null) {
                        return Uni.createFrom().item(remember(migrationId, null));
                    }
                    return pool.preparedQuery("""
                                    UPDATE colshift.migrations SET traceparent = coalesce(traceparent, $2)
                                    WHERE id = $1 RETURNING traceparent""")
                            .execute(Tuple.of(migrationId, started))
                            .map(updated -> remember(
                                    migrationId,
                                    updated.size() == 0
                                            ? started
                                            : updated.iterator().next().getString("traceparent")));
                });
    }

    private Context remember(String migrationId, String traceparent) {
        Context context = traceparent == null ? Context.root() : parse(traceparent);
        if (contexts.size() >= REMEMBERED) {
            contexts.clear();
        }
        contexts.put(migrationId, context);
        return context;
    }

    /** The context a {@code traceparent} names (the root context when it names none). */
    public static Context parse(String traceparent) {
        return W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
    }

    /** The W3C {@code traceparent} of the span, or null when it is not a valid (recorded) span. */
    static String traceparent(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
