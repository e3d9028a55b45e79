package dev.colshift.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain Kafka clients against the broker {@link ColshiftTestResources} started, from inside a @QuarkusTest: to read
 * what a service published and to play the other services.
 */
public final class TestTopics {
    private TestTopics() {}

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    /** Sends with headers (UTF-8 values), e.g. the reason a dead letter carries. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        try (var producer = new KafkaProducer<String, String>(
                Map.of("bootstrap.servers", bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Reads the topic from the start until {@code count} records match, or fails after the timeout. */
    public static <T> List<T> read(
            String topic,
            Function<ConsumerRecord<String, String>, T> decode,
            Predicate<T> filter,
            int count,
            Duration timeout) {
        Map<String, Object> config = Map.of(
                "bootstrap.servers",
                bootstrapServers(),
                "group.id",
                "test-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest");
        List<T> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    T item = decode.apply(record);
                    if (filter.test(item)) {
                        found.add(item);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + ", got " + found.size());
        }
        return found;
    }
}
