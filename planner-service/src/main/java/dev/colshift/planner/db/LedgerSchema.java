package dev.colshift.planner.db;

import dev.colshift.schemas.LedgerTables;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Creates the ledger tables ({@link LedgerTables}) in the target database when the planner starts. */
@ApplicationScoped
public class LedgerSchema {
    private static final Logger LOG = Logger.getLogger(LedgerSchema.class);

    void onStart(@Observes StartupEvent event, Pool pool) {
        pool.withTransaction(conn -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String statement : LedgerTables.DDL) {
                        chain = chain.chain(() -> conn.query(statement).execute())
                                .replaceWithVoid();
                    }
                    return chain;
                })
                .await()
                .indefinitely();
        LOG.info("colshift ledger schema is in place");
    }
}
