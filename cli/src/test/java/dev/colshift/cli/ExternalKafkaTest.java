package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.schemas.Topics;
import dev.colshift.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * The stack against a Kafka it did not start (as with COLSHIFT_KAFKA_BOOTSTRAP): the planner creates the topics with
 * the partitions the design asks for, and a migration completes verified.
 */
class ExternalKafkaTest {

    @Test
    void runsAgainstAnExistingBrokerAndProvisionsTheTopics() throws Exception {
        Path workDir = Path.of("target", "external-kafka-" + System.nanoTime()).toAbsolutePath();
        try (KafkaBroker existing = KafkaBroker.start(workDir.resolve("existing-kafka"));
                LocalStack stack = LocalStack.start(
                        Path.of("..").toAbsolutePath().normalize(),
                        workDir.resolve("stack"),
                        LocalStack.Target.scratch("colshift_e2e"),
                        1,
                        existing.bootstrapServers())) {
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, existing.bootstrapServers()))) {
                var topics = admin.describeTopics(List.of(Topics.BACKFILL_BATCHES, Topics.BACKFILL_BATCHES_DLQ))
                        .allTopicNames()
                        .get();
                assertEquals(
                        12, topics.get(Topics.BACKFILL_BATCHES).partitions().size());
                assertEquals(
                        1, topics.get(Topics.BACKFILL_BATCHES_DLQ).partitions().size());
            }
            DemoTable.create(stack.database(), "users", 20_000);
            // A derived column: the seed's own change is metadata-only now, and sends no batch through Kafka.
            String id = stack.plannerClient().submit(DemoMigrations.BACKFILL_SPEC.formatted(2_000));
            JsonNode end = MigrationWatcher.awaitEnd(stack.plannerClient(), id, Duration.ofMinutes(3), s -> {});
            assertEquals("COMPLETED", end.path("phase").asText(), end.toString());
            assertEquals(10, end.path("batchesDone").asLong());
        }
    }
}
