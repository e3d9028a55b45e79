package dev.colshift.verifier.check;

import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.TransientFailures;
import dev.colshift.verifier.VerifierConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs every applicable {@link VerificationCheck} in name order. An error PostgreSQL reports for one check (a
 * missing table, say) fails that check and the others still run; a transient failure (connection lost) fails the
 * whole run so it is retried.
 */
@ApplicationScoped
public class CheckRunner {
    private static final Logger LOG = Logger.getLogger(CheckRunner.class);

    private final List<VerificationCheck> checks;
    private final boolean haltMidVerification;

    private final MeterRegistry registry;

    public CheckRunner(@All List<VerificationCheck> checks, VerifierConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.checks = checks.stream()
                .sorted(Comparator.comparing(VerificationCheck::name))
                .toList();
        this.haltMidVerification = "mid-verification".equals(config.haltAt());
    }

    public Uni<List<CheckOutcome>> runAll(MigrationUnderCheck migration, CheckContext context) {
        List<CheckOutcome> results = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (VerificationCheck check : checks) {
            if (!check.appliesTo(migration)) {
                continue;
            }
            chain = chain.chain(() -> runOne(check, migration, context))
                    .invoke(results::add)
                    .invoke(this::count)
                    .invoke(this::haltIfInjected)
                    .replaceWithVoid();
        }
        return chain.map(ignored -> List.copyOf(results));
    }

    /** {@code colshift_verifier_checks_total{check, outcome=passed|failed}}. */
    private void count(CheckOutcome outcome) {
        registry.counter(
                        "colshift.verifier.checks",
                        Tags.of("check", outcome.name(), "outcome", outcome.passed() ? "passed" : "failed"))
                .increment();
    }

    private void haltIfInjected() {
        if (haltMidVerification) {
            LOG.error("fault injection: halting mid-verification");
            Runtime.getRuntime().halt(137);
        }
    }

    private static Uni<CheckOutcome> runOne(
            VerificationCheck check, MigrationUnderCheck migration, CheckContext context) {
        return check.run(migration, context)
                .onFailure(e -> !TransientFailures.isTransient(e))
                .recoverWithItem(e -> CheckOutcome.fail(check.name(), "could not run: " + e.getMessage()));
    }
}
