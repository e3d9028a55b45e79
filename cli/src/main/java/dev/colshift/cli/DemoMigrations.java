package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colshift.testkit.PostgresServer;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

/**
 * The demo's two migrations of {@code users}, each while an application keeps writing: the seed statement sent as SQL,
 * which PostgreSQL runs metadata-only (one step, no rewrite), and a derived column sent as a JSON spec, which needs a
 * backfill. Each ends with the verifier's report.
 */
final class DemoMigrations {
    static final String TABLE = "users";
    static final String SEED_SQL = "ALTER TABLE users ADD COLUMN last_login timestamptz DEFAULT now() NOT NULL";
    static final String BACKFILL_SPEC = """
            {"table": "users", "column": "plan_code", "type": "smallint",
             "backfillExpression": "plan_id * 10", "nullable": false, "batchSize": %d}""";

    private final PostgresServer.Database database;
    private final PlannerClient planner;
    private final long rows;
    private final long timeoutMinutes;
    private final PrintWriter out;

    DemoMigrations(
            PostgresServer.Database database, PlannerClient planner, long rows, long timeoutMinutes, PrintWriter out) {
        this.database = database;
        this.planner = planner;
        this.rows = rows;
        this.timeoutMinutes = timeoutMinutes;
        this.out = out;
    }

    /** The seed statement through the SQL door; true when verified. */
    boolean metadataOnly() throws SQLException {
        out.println("1. the seed statement, sent as SQL (application/sql):");
        out.println("   " + SEED_SQL);
        DemoTable.Storage before = DemoTable.storage(database, TABLE);
        JsonNode end;
        long columnAfter;
        long elapsed;
        try (ApplicationWriter app =
                        new ApplicationWriter(database, TABLE, rows, "last_login", "'2001-02-03 04:05:06+00'", false);
                ColumnClock clock = new ColumnClock(database, TABLE, "last_login")) {
            end = submitAndFollow(PlannerClient.SQL, SEED_SQL);
            columnAfter = clock.appearedAfterMillis();
            elapsed = clock.elapsedMillis();
            application(app);
        }
        DemoTable.Storage after = DemoTable.storage(database, TABLE);
        boolean rewritten = before.relfilenode() != after.relfilenode();
        out.printf(
                "   table %s: relfilenode %d -> %d, size %s -> %s%n",
                rewritten ? "REWRITTEN" : "not rewritten",
                before.relfilenode(),
                after.relfilenode(),
                before.size(),
                after.size());
        out.printf(
                "   the column was in place %s after submission; submission to verified end: %.1f s%n",
                columnAfter < 0 ? "(not seen)" : columnAfter + " ms", elapsed / 1000.0);
        return MigrationWatcher.printReport(end, out);
    }

    /** A derived column through the JSON door, with a backfill; true when verified. */
    boolean backfilled(int batchSize) throws SQLException {
        String spec = BACKFILL_SPEC.formatted(batchSize);
        out.println("2. a column derived from existing ones, sent as a JSON spec (application/json):");
        out.println("   " + spec.replaceAll("\\s+", " "));
        JsonNode end;
        try (ApplicationWriter app = new ApplicationWriter(database, TABLE, rows, "plan_code", "-1", true)) {
            end = submitAndFollow(PlannerClient.JSON, spec);
            application(app);
        }
        return MigrationWatcher.printReport(end, out);
    }

    private JsonNode submitAndFollow(String mediaType, String body) {
        JsonNode accepted =
                planner.submit(mediaType, body, List.of()).orFail("migrations").json();
        JsonNode steps = accepted.path("plan").path("steps");
        out.printf("   planned: %d step%s%n", steps.size(), steps.size() == 1 ? "" : "s");
        for (JsonNode step : steps) {
            out.println("     " + step.path("id").asText() + ": lock "
                    + step.path("lock").asText() + "; " + PlanReport.observed(step.path("observed")));
        }
        String id = accepted.path("id").asText();
        out.println("   migration " + id + " accepted");
        out.flush();
        return Following.toEnd(planner, id, timeoutMinutes, out, true);
    }

    private void application(ApplicationWriter app) {
        out.printf(
                "   application during the migration: %,d writes, slowest statement %d ms, none failed%n",
                app.statements(), app.slowestMillis());
    }
}
