package dev.colshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A planner's answer to {@code POST /migrations} (one migration, or {@code migrations} for several) as text: each
 * plan's steps with their SQL, the lock each takes and what the rehearsal saw PostgreSQL do, the lint findings, and
 * the notes.
 */
final class PlanReport {
    private PlanReport() {}

    /** The answer's migrations: the answer itself for one column, each of {@code migrations} for several. */
    static List<JsonNode> migrations(JsonNode answer) {
        List<JsonNode> all = new ArrayList<>();
        if (answer.has("migrations")) {
            answer.path("migrations").forEach(all::add);
        } else {
            all.add(answer);
        }
        return all;
    }

    static void print(JsonNode answer, PrintWriter out, boolean withSql) {
        for (JsonNode migration : migrations(answer)) {
            printPlan(migration.path("plan"), out, withSql);
        }
        printNotes(answer, out);
        out.flush();
    }

    static void printPlan(JsonNode plan, PrintWriter out, boolean withSql) {
        JsonNode steps = plan.path("steps");
        out.printf(
                "plan for %s.%s.%s %s (key %s): %d step%s%n",
                plan.path("schema").asText(),
                plan.path("table").asText(),
                plan.path("column").asText(),
                plan.path("canonicalType").asText(),
                plan.path("keyColumn").asText(),
                steps.size(),
                steps.size() == 1 ? "" : "s");
        int number = 1;
        for (JsonNode step : steps) {
            out.printf(
                    "  %d. %s  [%s, %s]%n",
                    number++,
                    step.path("id").asText(),
                    step.path("phase").asText(),
                    execution(step.path("execution").asText()));
            out.println("     " + step.path("purpose").asText());
            out.println("     lock " + step.path("lock").asText() + "; " + observed(step.path("observed")));
            if (withSql) {
                for (JsonNode statement : step.path("statements")) {
                    out.println("     SQL " + statement.asText().replace("\n", "\n         "));
                }
            }
            if (step.hasNonNull("undo")) {
                out.println("     undo: " + step.path("undo").path("purpose").asText());
            }
        }
        JsonNode findings = plan.path("findings");
        if (!findings.isEmpty()) {
            out.println("findings:");
            for (JsonNode finding : findings) {
                out.printf(
                        "  %-7s %s: %s%s%n",
                        finding.path("severity").asText(),
                        finding.path("rule").asText(),
                        finding.path("message").asText(),
                        finding.hasNonNull("fix") ? " (" + finding.path("fix").asText() + ")" : "");
            }
        }
    }

    static void printNotes(JsonNode answer, PrintWriter out) {
        JsonNode notes = answer.path("notes");
        if (!notes.isEmpty()) {
            out.println("notes:");
            notes.forEach(note -> out.println("  - " + note.asText()));
        }
    }

    private static String execution(String execution) {
        return switch (execution) {
            case "IN_TRANSACTION" -> "in one transaction under lock_timeout";
            case "OUTSIDE_TRANSACTION" -> "outside a transaction, idempotent";
            default -> execution;
        };
    }

    /** What the rehearsal saw: the locks taken and whether the table was rewritten or read whole. */
    static String observed(JsonNode observed) {
        if (observed.isMissingNode() || observed.isNull()) {
            return "not rehearsed";
        }
        List<String> seen = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        observed.path("locks").forEach(lock -> locks.add(lock.asText()));
        seen.add("observed " + (locks.isEmpty() ? "no table lock" : String.join(", ", locks)));
        seen.add(observed.path("rewrote").asBoolean() ? "REWRITES the table" : "no rewrite");
        seen.add(observed.path("scanned").asBoolean() ? "scans the table" : "no scan");
        if (observed.path("fastDefault").asBoolean()) {
            seen.add("default stored in the catalog (fast default)");
        }
        if (observed.hasNonNull("note")) {
            seen.add(observed.path("note").asText());
        }
        return String.join(", ", seen);
    }
}
