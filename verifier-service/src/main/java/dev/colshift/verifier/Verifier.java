package dev.colshift.verifier;

import dev.colshift.schemas.AuditRecord;
import dev.colshift.schemas.Phase;
import dev.colshift.verifier.audit.AuditJournal;
import dev.colshift.verifier.check.CheckContext;
import dev.colshift.verifier.check.CheckRunner;
import dev.colshift.verifier.db.MigrationReader;
import dev.colshift.verifier.db.ShapeProbe;
import dev.colshift.verifier.db.ShortTransactions;
import dev.colshift.verifier.kafka.VerdictPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Verifies one migration: reads it from the ledger, learns the requested shape from PostgreSQL ({@link ShapeProbe}),
 * runs every check (each in its own short read-only transactions), appends the audit records to
 * {@code colshift.audit_log} and publishes them. Repeating it only reports again.
 */
@ApplicationScoped
public class Verifier {
    private static final Logger LOG = Logger.getLogger(Verifier.class);
    private static final int RETRIES = 3;

    private final ShortTransactions transactions;
    private final MigrationReader reader;
    private final ShapeProbe probe;
    private final CheckRunner checks;
    private final AuditJournal journal;
    private final VerdictPublisher publisher;
    private final VerifierConfig config;

    public Verifier(
            ShortTransactions transactions,
            MigrationReader reader,
            ShapeProbe probe,
            CheckRunner checks,
            AuditJournal journal,
            VerdictPublisher publisher,
            VerifierConfig config) {
        this.transactions = transactions;
        this.reader = reader;
        this.probe = probe;
        this.checks = checks;
        this.journal = journal;
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * The planner asked (VERIFYING): audit, then VERIFIED or VERIFICATION_FAILED. A request for a migration the ledger
     * no longer has in VERIFYING is one the planner repeated while an earlier one was answered (a verifier that was
     * down finds them queued): nothing is verified again, a null item.
     */
    public Uni<Verdict> verify(String migrationId) {
        return retried(() -> transactions.readOnly(db -> reader.phase(db, migrationId)))
                .chain(phase -> {
                    if (phase != null && phase != Phase.VERIFYING) {
                        LOG.infof(
                                "migration %s is %s: a repeated request to verify it, not verified again",
                                migrationId, phase);
                        return Uni.createFrom().<Verdict>nullItem();
                    }
                    return ledgered(migrationId, Verdict.VERIFY)
                            .call(verdict -> verdict == null
                                    ? Uni.createFrom().voidItem()
                                    : audit(verdict).chain(() -> publisher.publishPhase(verdict.phaseChanged())));
                });
    }

    /**
     * Runs every check again on demand (drift detection on a finished migration) and audits it; announces no phase,
     * so the planner's record of the migration stays as it is. A null item when the ledger has no such migration.
     */
    public Uni<Verdict> reverify(String migrationId) {
        return ledgered(migrationId, Verdict.REVERIFY)
                .call(verdict -> verdict == null ? Uni.createFrom().voidItem() : audit(verdict));
    }

    /** Checks a column added by hand with the checks that need no ledger; nothing is recorded. */
    public Uni<Verdict> verifyColumn(MigrationUnderCheck column) {
        return retried(() -> inspect(column, Verdict.VERIFY_COLUMN));
    }

    private Uni<Verdict> ledgered(String migrationId, String action) {
        return retried(() -> transactions
                        .readOnly(db -> reader.find(db, migrationId))
                        .chain(m -> m == null ? Uni.createFrom().<Verdict>nullItem() : inspect(m, action)))
                .invoke(verdict -> {
                    if (verdict == null) {
                        LOG.warnf("migration %s: not in the ledger, nothing to verify", migrationId);
                    } else {
                        LOG.infof("migration %s (%s): %s", migrationId, action, verdict.detail());
                    }
                });
    }

    private Uni<Verdict> inspect(MigrationUnderCheck m, String action) {
        return probe.probe(m)
                .chain(shape -> checks.runAll(m, new CheckContext(transactions, shape, config)))
                .map(outcomes -> new Verdict(m, outcomes, action));
    }

    private Uni<Void> audit(Verdict verdict) {
        List<AuditRecord> records = verdict.auditRecords();
        return journal.append(records).chain(() -> publisher.publishAudit(records));
    }

    private static <T> Uni<T> retried(Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(work::get)
                .onFailure(TransientFailures::isTransient)
                .retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                .withJitter(0.5)
                .atMost(RETRIES);
    }
}
