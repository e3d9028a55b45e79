package dev.colshift.planner.db;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.planner.plan.LockLevel;
import dev.colshift.testkit.ColshiftTestResources;
import dev.colshift.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pre-check against a real long-running reader: it holds back what conflicts with it, and only that. */
@QuarkusTest
@WithTestResource(ColshiftTestResources.class)
class LongLockHoldersTest {
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(200);

    @Inject
    Pool pool;

    @Test
    void aLongReaderHoldsBackAccessExclusiveButNotValidate() throws Exception {
        TestDatabase.execute("CREATE TABLE long_read (id int PRIMARY KEY)");
        try (Connection reader = TestDatabase.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("SELECT * FROM long_read"); // ACCESS SHARE until commit
            Thread.sleep(LOCK_TIMEOUT.toMillis() * 2);
            TableBusyException busy = assertThrows(TableBusyException.class, () -> check(LockLevel.ACCESS_EXCLUSIVE));
            assertTrue(busy.getMessage().contains("\"public\".\"long_read\""), busy.getMessage());
            assertDoesNotThrow(() -> check(LockLevel.SHARE_UPDATE_EXCLUSIVE));
            assertDoesNotThrow(() -> check(LockLevel.SHARE_ROW_EXCLUSIVE));
            reader.commit();
        }
        assertDoesNotThrow(() -> check(LockLevel.ACCESS_EXCLUSIVE));
    }

    @Test
    void aYoungTransactionIsNotWaitedFor() throws Exception {
        TestDatabase.execute("CREATE TABLE short_read (id int PRIMARY KEY)");
        try (Connection reader = TestDatabase.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("SELECT * FROM short_read");
            assertDoesNotThrow(() -> pool.withConnection(conn -> LongLockHolders.requireNone(
                            conn, "\"public\".\"short_read\"", LockLevel.ACCESS_EXCLUSIVE, Duration.ofSeconds(30)))
                    .await()
                    .atMost(Duration.ofSeconds(10)));
            reader.commit();
        }
    }

    private void check(LockLevel lock) {
        pool.withConnection(conn -> LongLockHolders.requireNone(conn, "\"public\".\"long_read\"", lock, LOCK_TIMEOUT))
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
