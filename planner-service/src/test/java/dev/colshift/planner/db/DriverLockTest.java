package dev.colshift.planner.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two planners never drive one migration at once: not while both run, and not after one's lock connection drops. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class DriverLockTest {
    @Inject
    DriverLock lock;

    @Test
    void aSecondPlannerDoesNotRunWhileTheFirstHoldsTheLock() throws Exception {
        String id = "lock-held-" + System.nanoTime();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Boolean> first = lock.whileHolding(
                        id, fence -> Uni.createFrom().completionStage(release))
                .subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(10)).until(() -> holders(id) == 1);
        List<String> ran = new CopyOnWriteArrayList<>();
        boolean second = lock.whileHolding(
                        id, fence -> Uni.createFrom().voidItem().invoke(() -> ran.add("second")))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertFalse(second);
        assertEquals(List.of(), ran);
        release.complete(null);
        assertTrue(first.get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(() -> holders(id) == 0);
        assertTrue(lock.whileHolding(id, fence -> Uni.createFrom().voidItem())
                .await()
                .atMost(Duration.ofSeconds(10)));
    }

    @Test
    void aPlannerWhoseLockConnectionDropsStopsBeforeItsNextAction() throws Exception {
        String id = "lock-dropped-" + System.nanoTime();
        List<String> actions = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> connectionDropped = new CompletableFuture<>();
        CompletableFuture<Boolean> run = lock.whileHolding(
                        id,
                        fence -> fence.check()
                                .invoke(() -> actions.add("first"))
                                .chain(() -> Uni.createFrom().completionStage(connectionDropped))
                                .chain(fence::check)
                                .invoke(() -> actions.add("second")))
                .subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(10)).until(() -> actions.contains("first"));

        assertEquals(
                "t",
                TestDatabase.scalar("SELECT bool_and(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype ="
                        + " 'advisory' AND objid = hashtext('" + id + "')::oid"));
        await().atMost(Duration.ofSeconds(10)).until(() -> holders(id) == 0);
        // another planner takes the migration over at once
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT pg_try_advisory_lock(x'636f6c73'::int, hashtext('" + id + "'))")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the lock was not free for another planner");
            connectionDropped.complete(null);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
            assertInstanceOf(DriverLock.DriverLockLost.class, failure.getCause());
        }
        assertEquals(List.of("first"), actions, "the planner went on driving without its lock");
    }

    private static long holders(String id) throws Exception {
        return Long.parseLong(TestDatabase.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND"
                + " granted AND objid = hashtext('" + id + "')::oid"));
    }
}
