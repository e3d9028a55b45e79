package dev.colshift.verifier;

import dev.colshift.schemas.Event;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** The test's plain Kafka clients: publishes raw messages and collects everything on the phase and audit topics. */
final class EventTopics implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    EventTopics(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(),
                new StringSerializer());
        consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrapServers,
                        "group.id",
                        "verifier-test-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topics.MIGRATION_PHASES, Topics.AUDIT));
    }

    void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    void send(String topic, Event event) {
        send(topic, event.migrationId(), EventCodec.encode(event));
    }

    /** Waits (bounded) until {@code count} records on the topic match, and returns them decoded. */
    <T extends Event> List<ConsumerRecord<String, String>> await(
            String topic, Class<T> type, Predicate<T> match, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return matching(topic, type, match).size() >= count;
                });
        return matching(topic, type, match);
    }

    /** What has been collected so far, without waiting. */
    <T extends Event> List<ConsumerRecord<String, String>> matching(String topic, Class<T> type, Predicate<T> match) {
        return seen.stream()
                .filter(r -> r.topic().equals(topic))
                .filter(r -> decodes(r.value(), type) && match.test(EventCodec.decode(r.value(), type)))
                .toList();
    }

    private static boolean decodes(String json, Class<? extends Event> type) {
        try {
            EventCodec.decode(json, type);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close();
    }
}
