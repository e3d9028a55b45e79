package dev.colshift.verifier.check;

import dev.colshift.schemas.CheckResult;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.TransientFailures;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every {@link VerificationCheck} in name order on one connection. Each check runs under a savepoint, so an
 * error PostgreSQL reports for one check (which fails that check) leaves the transaction usable for the next.
 */
@ApplicationScoped
public class CheckRunner {
    private final List<VerificationCheck> checks;

    public CheckRunner(@All List<VerificationCheck> checks) {
        this.checks = checks.stream()
                .sorted(Comparator.comparing(VerificationCheck::name))
                .toList();
    }

    public Uni<List<CheckResult>> runAll(MigrationUnderCheck migration, SqlConnection db) {
        List<CheckResult> results = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (VerificationCheck check : checks) {
            chain = chain.chain(() -> runOne(check, migration, db))
                    .invoke(results::add)
                    .replaceWithVoid();
        }
        return chain.map(ignored -> List.copyOf(results));
    }

    private static Uni<CheckResult> runOne(VerificationCheck check, MigrationUnderCheck migration, SqlConnection db) {
        return db.query("SAVEPOINT colshift_check")
                .execute()
                .chain(() -> check.run(migration, db))
                .call(() -> db.query("RELEASE SAVEPOINT colshift_check").execute())
                .onFailure(e -> !TransientFailures.isTransient(e))
                .recoverWithUni(e -> db.query("ROLLBACK TO SAVEPOINT colshift_check")
                        .execute()
                        .replaceWith(CheckResult.fail(check.name(), "could not run: " + e.getMessage())));
    }
}
