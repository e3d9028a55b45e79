package dev.colshift.planner;

import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain Kafka clients against the test broker, for reading what the service published and playing other services. */
public final class TestKafka {
    private TestKafka() {
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static void send(String topic, String key, Event event) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, EventCodec.encode(event))).get();
        }
    }

    /** Reads the topic from the start until {@code count} events match, or fails after the timeout. */
    public static <T extends Event> List<T> read(String topic, Class<T> type, Predicate<T> filter, int count,
            Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap(), "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        List<T> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    T event = EventCodec.decode(record.value(), type);
                    if (filter.test(event)) {
                        found.add(event);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " " + type.getSimpleName() + " on " + topic + ", got "
                    + found.size());
        }
        return found;
    }
}
