package dev.colshift.planner.kafka;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox: the planner's phase and audit events, written in the same transaction as the ledger change
 * they announce, go to Kafka in the order they were written, at least once (a crash between send and mark sends
 * again; consumers de-duplicate on eventId). Runs on a short timer and whenever the driver has just queued events.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final Pool pool;
    private final EventPublisher publisher;
    private final AtomicBoolean relaying = new AtomicBoolean();
    private final AtomicBoolean flushAgain = new AtomicBoolean();

    public OutboxRelay(Pool pool, EventPublisher publisher) {
        this.pool = pool;
        this.publisher = publisher;
    }

    @Scheduled(
            every = "${colshift.planner.outbox-interval:500ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        flush();
    }

    /** Relays what is queued, in the background; a flush during a flush makes it go round once more. */
    public void flush() {
        if (!relaying.compareAndSet(false, true)) {
            flushAgain.set(true);
            return;
        }
        pool.withTransaction(this::relayBatch)
                .onTermination()
                .invoke(() -> relaying.set(false))
                .subscribe()
                .with(
                        sent -> {
                            if (sent == BATCH || flushAgain.getAndSet(false)) {
                                flush();
                            }
                        },
                        e -> LOG.warnf("outbox relay will retry: %s", e.getMessage()));
    }

    /** Sends the oldest unsent events in order and marks them sent; other planners skip the rows this one holds. */
    private Uni<Integer> relayBatch(SqlConnection conn) {
        return conn.preparedQuery("""
                        SELECT id, topic, message_key, payload FROM colshift.outbox
                        WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""").execute(Tuple.of(BATCH)).chain(rows -> {
            List<Row> pending = new ArrayList<>();
            rows.forEach(pending::add);
            if (pending.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom()
                    .iterable(pending)
                    .onItem()
                    .transformToUniAndConcatenate(r -> publisher
                            .send(r.getString("topic"), r.getString("message_key"), r.getString("payload"))
                            .replaceWith(r.getLong("id")))
                    .collect()
                    .asList()
                    .chain(ids -> conn.preparedQuery(
                                    "UPDATE colshift.outbox SET published_at = clock_timestamp() WHERE id = ANY ($1)")
                            .execute(Tuple.of(ids.toArray(Long[]::new))))
                    .replaceWith(pending.size());
        });
    }
}
