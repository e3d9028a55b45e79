package dev.colshift.planner.kafka;

import dev.colshift.planner.PlannerConfig;
import dev.colshift.schemas.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates colshift's topics at start-up with the partition counts the design needs (many for batches, so workers
 * scale out), instead of leaving them to the broker's auto-create defaults. Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    void onStart(
            @Observes StartupEvent event,
            PlannerConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        int batchPartitions = config.batchPartitions();
        short replicas = (short) config.topicReplicationFactor();
        List<NewTopic> topics = List.of(
                new NewTopic(Topics.BACKFILL_BATCHES, batchPartitions, replicas),
                new NewTopic(Topics.BACKFILL_BATCHES_DLQ, 1, replicas),
                new NewTopic(Topics.BACKFILL_PROGRESS, 3, replicas),
                new NewTopic(Topics.MIGRATION_PHASES, 3, replicas),
                new NewTopic(Topics.MIGRATION_REQUESTS, 3, replicas),
                new NewTopic(Topics.MIGRATION_REQUESTS_DLQ, 1, replicas),
                new NewTopic(Topics.AUDIT, 3, replicas));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                    LOG.infof("created topic %s with %d partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf(
                                "could not create topic %s: %s",
                                topic.name(), e.getCause().getMessage());
                    }
                }
            }
        } catch (Exception e) {
            LOG.warnf("topic provisioning skipped: %s", e.getMessage());
        }
    }
}
