package dev.colshift.testkit;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A W3C {@code traceparent} ({@code 00-<trace id>-<parent span id>-<flags>}), as a test reads it from a Kafka record's
 * headers or sends it, to check that a message carries a migration's trace.
 */
public record Traceparent(String traceId, String parentSpanId) {
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    public static Traceparent parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new AssertionError("not a W3C traceparent: " + text);
        }
        return new Traceparent(m.group(1), m.group(2));
    }

    /** The record's {@code traceparent} header, or null when it has none. */
    public static Traceparent of(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : parse(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A sampled traceparent, as a header value. */
    public String header() {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }
}
