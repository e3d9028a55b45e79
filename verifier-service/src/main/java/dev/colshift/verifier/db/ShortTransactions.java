package dev.colshift.verifier.db;

import dev.colshift.verifier.VerifierConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * The only ways the verifier talks to the target database: short read-only transactions (every check), a
 * transaction that is always rolled back (the probe that asks PostgreSQL what the requested column looks like), and
 * appending its own audit rows. Transactions are driven by SQL rather than the client's transaction API, which would
 * commit on success.
 */
@ApplicationScoped
public class ShortTransactions {
    private final Pool pool;
    private final String statementTimeout;

    public ShortTransactions(Pool pool, VerifierConfig config) {
        this.pool = pool;
        this.statementTimeout = config.statementTimeout().toMillis() + "ms";
    }

    /** Runs {@code work} in a READ ONLY transaction: whatever SQL a check runs, it cannot write. */
    public <T> Uni<T> readOnly(Function<SqlConnection, Uni<T>> work) {
        return inTransaction("BEGIN ISOLATION LEVEL READ COMMITTED, READ ONLY", work);
    }

    /** Runs {@code work} in a transaction that is rolled back whatever happens (temporary tables only). */
    public <T> Uni<T> rolledBack(Function<SqlConnection, Uni<T>> work) {
        return inTransaction("BEGIN ISOLATION LEVEL READ COMMITTED, READ WRITE", work);
    }

    /** Runs {@code work} in a transaction that commits: only for appending to {@code colshift.audit_log}. */
    public <T> Uni<T> committed(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    private <T> Uni<T> inTransaction(String begin, Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(db -> db.query(begin)
                .execute()
                .chain(() -> db.query("SET LOCAL statement_timeout = '" + statementTimeout + "'")
                        .execute())
                .chain(() -> work.apply(db))
                .eventually(() -> db.query("ROLLBACK").execute().onFailure().recoverWithNull()));
    }
}
