package dev.colshift.worker.throttle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The signals as PostgreSQL shows them: an application session waiting on a row a colshift session locked. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class ThrottleSignalsReaderTest {
    @Inject
    ThrottleSignalsReader reader;

    @Test
    void seesAnApplicationSessionWaitingOnAColshiftLock() throws Exception {
        TestDatabase.execute(
                "CREATE TABLE accounts (id int PRIMARY KEY, balance int)", "INSERT INTO accounts VALUES (1, 10)");
        try (Connection colshift = TestDatabase.connect();
                Connection application = TestDatabase.connect()) {
            int holderPid = pid(colshift);
            int waitingPid = pid(application);
            try (Statement s = colshift.createStatement()) {
                s.execute("SET application_name = 'colshift-backfill-worker'");
                colshift.setAutoCommit(false);
                s.execute("UPDATE accounts SET balance = 11 WHERE id = 1");
            }
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement s = application.createStatement()) {
                    s.execute("UPDATE accounts SET balance = 12 WHERE id = 1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ThrottleSignals signals = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> reader.read().await().indefinitely(),
                            s -> !s.applicationWaits().isEmpty());
            assertEquals(1, signals.applicationWaits().size(), signals.toString());
            LockWait wait = signals.applicationWaits().get(0);
            assertEquals(waitingPid, wait.waitingPid());
            assertEquals(holderPid, wait.holderPid());
            assertTrue(wait.waiting().compareTo(Duration.ZERO) >= 0, wait.toString());
            assertTrue(signals.replicas().isEmpty(), "no replica here");
            colshift.rollback();
            blocked.get();
        }
    }

    @Test
    void seesTheApplicationsSlowestStatementAndOnlyTheApplicationsNamed() throws Exception {
        // the test profile watches sessions named 'shop' against a 300 ms budget
        try (Connection shop = TestDatabase.connect();
                Connection reporting = TestDatabase.connect()) {
            int shopPid = pid(shop);
            CompletableFuture<Void> reportRuns = sleep(reporting, "reporting", 4);
            CompletableFuture<Void> shopRuns = sleep(shop, "shop", 2);
            SlowStatement slowest = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> reader.read().await().indefinitely().slowestApplicationStatement(),
                            s -> s.isPresent() && s.get().running().toMillis() > 300)
                    .get();
            assertEquals(shopPid, slowest.pid());
            assertEquals("shop", slowest.applicationName());
            shopRuns.get();
            assertTrue(reader.read()
                    .await()
                    .indefinitely()
                    .slowestApplicationStatement()
                    .isEmpty());
            reportRuns.get();
        }
    }

    private static CompletableFuture<Void> sleep(Connection c, String applicationName, int seconds) {
        return CompletableFuture.runAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET application_name = '" + applicationName + "'");
                s.execute("SELECT pg_sleep(" + seconds + ")");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
