package dev.colshift.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.schemas.CheckResult;
import dev.colshift.schemas.EventCodec;
import dev.colshift.schemas.Phase;
import dev.colshift.schemas.PhaseChanged;
import dev.colshift.schemas.Topics;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the end-to-end scenarios: the test plays planner and workers (tables, ledger rows, a VERIFYING event) on a
 * real PostgreSQL and Kafka, and reads the verifier's answer off the topics.
 */
abstract class VerifierScenario {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "colshift.test.jdbc-url")
    String jdbcUrl;

    @ConfigProperty(name = "colshift.test.db-user")
    String dbUser;

    @ConfigProperty(name = "colshift.test.db-password")
    Optional<String> dbPassword;

    LedgerDatabase db;
    EventTopics topics;

    @BeforeEach
    void connect() {
        db = new LedgerDatabase(jdbcUrl, dbUser, dbPassword.orElse(""));
        db.createLedger();
        topics = new EventTopics(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    /** Asks for verification, as the planner does after the contract phase. */
    void requestVerification(String id, String table) {
        topics.send(Topics.MIGRATION_PHASES, verifying(id, table));
    }

    static PhaseChanged verifying(String id, String table) {
        return PhaseChanged.of(id, Phase.VERIFYING, Phase.CONTRACTING, table, null, null, null);
    }

    /** Waits for the {@code count}-th verdict with the given phase for the migration and returns it. */
    PhaseChanged awaitVerdict(String id, Phase phase, int count) {
        var records = topics.await(
                Topics.MIGRATION_PHASES,
                PhaseChanged.class,
                e -> e.migrationId().equals(id) && e.phase() == phase,
                count);
        return EventCodec.decode(records.get(count - 1).value(), PhaseChanged.class);
    }

    static Map<String, CheckResult> byName(PhaseChanged verdict) {
        return verdict.checks().stream().collect(Collectors.toMap(CheckResult::name, c -> c));
    }

    static Set<String> failedNames(PhaseChanged verdict) {
        return verdict.checks().stream()
                .filter(c -> !c.passed())
                .map(CheckResult::name)
                .collect(Collectors.toSet());
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }

    /** {@code POST /verifications/{id}} with the test token; the report as JSON. */
    static JsonPath reverify(String id) {
        return RestAssured.given()
                .header("Authorization", "Bearer test-token")
                .post("/verifications/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The report's checks by name, each as its JSON object. */
    static Map<String, Map<String, Object>> checks(JsonPath report) {
        Map<String, Map<String, Object>> byName = new java.util.TreeMap<>();
        report.<Map<String, Object>>getList("checks").forEach(c -> byName.put((String) c.get("name"), c));
        return byName;
    }

    static Set<String> failed(JsonPath report) {
        return checks(report).values().stream()
                .filter(c -> !Boolean.TRUE.equals(c.get("passed")))
                .map(c -> (String) c.get("name"))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    static String detail(JsonPath report, String check) {
        return (String) checks(report).get(check).get("detail");
    }

    /** Shaped like the planner's ids, dash included, so helper object names need quoting. */
    static String newMigrationId() {
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        return "m20261124T201500-" + HexFormat.of().formatHex(suffix);
    }
}
