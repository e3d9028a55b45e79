package dev.colshift.planner.kafka;

import dev.colshift.planner.MigrationIntake;
import dev.colshift.planner.Requester;
import dev.colshift.planner.api.SqlReader;
import dev.colshift.planner.db.MigrationLedger;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.MigrationRequested;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The Kafka door: a request on {@code colshift.migration-requests} goes through the same intake as {@code POST
 * /migrations}. Accepted, each migration's ACCEPTED event carries the request's correlation id; refused, a REJECTED
 * event says why. A message that is not a readable request fails here and goes to the requests' dead-letter topic with
 * the reason. A redelivered request changes nothing.
 */
@ApplicationScoped
public class RequestListener {
    private static final Logger LOG = Logger.getLogger(RequestListener.class);

    private final MigrationIntake intake;
    private final MigrationLedger ledger;
    private final EventPublisher events;

    public RequestListener(MigrationIntake intake, MigrationLedger ledger, EventPublisher events) {
        this.intake = intake;
        this.ledger = ledger;
        this.events = events;
    }

    @Incoming("requests-in")
    public Uni<Void> onRequest(String payload) {
        MigrationRequested request = EventCodec.decode(payload, MigrationRequested.class); // unreadable: dead letter
        Requester requester = new Requester(
                "kafka:" + (request.requestedBy() == null ? "unknown" : request.requestedBy()),
                request.eventId(),
                request.answerCorrelationId());
        return ledger.requestRecorded(request.eventId())
                .chain(seen -> seen ? Uni.createFrom().voidItem() : submit(request, requester))
                // the database or broker being away says nothing about the request: try again before giving up
                .onFailure(e -> !(e instanceof SpecRejectedException))
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .atMost(8);
    }

    private Uni<Void> submit(MigrationRequested request, Requester requester) {
        return Uni.createFrom()
                .item(() -> specs(request))
                .chain(specs -> intake.submitAll(specs, requester, false, new ArrayList<>()))
                .replaceWithVoid()
                .onFailure(SpecRejectedException.class)
                .recoverWithUni(e -> reject(request, requester, e.problems()));
    }

    private static List<MigrationSpec> specs(MigrationRequested request) {
        if (request.sql() != null) {
            return SqlReader.read(request.sql()).specs();
        }
        return List.of(request.spec());
    }

    private Uni<Void> reject(MigrationRequested request, Requester requester, List<SpecProblem> problems) {
        String reasons = problems.stream()
                .map(p -> p.code() + (p.field() == null ? "" : " (" + p.field() + ")") + ": " + p.detail())
                .collect(Collectors.joining("; "));
        LOG.infof("request %s from %s rejected: %s", request.eventId(), requester.name(), reasons);
        MigrationSpec spec = request.spec();
        return events.phase(PhaseChanged.of(
                        request.migrationId(),
                        Phase.REJECTED,
                        null,
                        spec == null ? null : spec.table(),
                        spec == null ? null : spec.column(),
                        reasons,
                        null)
                .answering(requester.correlationId()));
    }
}
