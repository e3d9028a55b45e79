package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The planner's status page in headless Chromium while a real migration runs on the packaged stack (planner, a
 * backfill worker, the verifier, real Kafka and PostgreSQL): the progress it shows moves, the rows/s chart fills, the
 * phases, verification report and audit trail show, and what the planner sends is shown as text, never as markup.
 * The screenshots are kept as {@code target/status-page/status-page-backfilling.png} and {@code status-page.png}.
 */
class StatusPageBrowserTest {
    private static final long ROWS = 200_000;
    // the literal's markup must reach the page as text: it is in the plan's SQL and the audit trail
    private static final String LABEL = """
            {"table": "members", "column": "plan_label", "type": "text",
             "backfillExpression": "'<b>plan</b> ' || plan_id", "nullable": false, "batchSize": 500}""";
    private static final Pattern ALL_PASSED = Pattern.compile("(\\d+) of \\1 checks passed");

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Path.of("target", "status-page-" + System.nanoTime()).toAbsolutePath();
        stack = LocalStack.start(repository, workDir, LocalStack.Target.scratch("colshift_page"), 1, null);
        DemoTable.create(stack.database(), "members", ROWS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void thePageFollowsARealMigrationToItsVerifiedEnd() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        try (HeadlessChromium chromium = HeadlessChromium.start(target.resolve("chromium-" + System.nanoTime()))) {
            WebDriver page = chromium.driver();
            String id = stack.plannerClient().submit(LABEL);
            page.get(stack.planner().baseUrl() + "/#" + id);
            try {
                List<Double> backfillReadings =
                        followToTheEnd(chromium, target.resolve("status-page").resolve("status-page-backfilling.png"));
                assertTrue(
                        backfillReadings.stream().distinct().count() >= 2,
                        "the progress shown while backfilling should move; readings: " + backfillReadings);
                for (int i = 1; i < backfillReadings.size(); i++) {
                    assertTrue(
                            backfillReadings.get(i) >= backfillReadings.get(i - 1),
                            "progress went back: " + backfillReadings);
                }

                awaitText(
                        page,
                        "verification-summary",
                        text -> ALL_PASSED.matcher(text).matches());
                String report = text(page, "verification");
                assertTrue(report.contains("PASS no-nulls"), report);
                assertTrue(report.contains("PASS value-consistency"), report);
                assertTrue(!report.contains("FAIL"), report);

                assertEquals("100.0%", text(page, "percent"));
                assertEquals(
                        ROWS + " / " + ROWS + " rows",
                        text(page, "rows").replace(",", ""),
                        "every row backfilled, as the page says");
                assertEquals("ended", text(page, "stream-state"));
                assertEquals("nothing", text(page, "waiting-for"), "an ended migration waits for nothing");
                assertEquals("not throttled", text(page, "throttle"));
                assertEquals("not running", text(page, "replicas"), "an ended migration shows no replica lag");
                List<?> phases = (List<?>) ((JavascriptExecutor) page)
                        .executeScript("return Array.from(document.querySelectorAll('#timeline li.done'),"
                                + " li => li.dataset.phase);");
                assertEquals(
                        List.of("ACCEPTED", "EXPANDING", "BACKFILLING", "CONTRACTING", "VERIFYING", "COMPLETED"),
                        phases);

                WebElement chart = page.findElement(By.id("rate-chart"));
                assertTrue(
                        Integer.parseInt(chart.getDomAttribute("data-samples")) >= 2,
                        "rows/s samples: " + chart.getDomAttribute("data-samples"));
                assertTrue(text(page, "rate-peak").matches("peak [\\d,]+ rows/s, last [\\d,]+ rows/s"));

                awaitText(page, "audit", text -> text.contains("verify:no-nulls"));
                String audit = text(page, "audit");
                assertTrue(audit.contains("expand:public.members:plan_label"), audit);
                assertTrue(audit.contains("'<b>plan</b> '"), "the SQL's markup shows as text: " + audit);
                assertTrue(
                        page.findElements(By.cssSelector("#detail b, #migrations b"))
                                .isEmpty(),
                        "markup from the planner was rendered as markup");

                // the list refreshes on its own: the row reaches COMPLETED within one refresh
                awaitText(
                        page,
                        "migrations",
                        text -> text.contains(id + " public.members.plan_label text COMPLETED RUN 100.0%"));
                assertEquals(List.of(), chromium.consoleErrors(), "the page logged errors");
            } finally {
                chromium.screenshot(target.resolve("status-page").resolve("status-page.png"));
            }
        }
    }

    /**
     * Reads the page until the migration ends, with a screenshot of it half-way; returns the percentages it showed
     * while backfilling, in order.
     */
    private static List<Double> followToTheEnd(HeadlessChromium chromium, Path halfWay) throws Exception {
        WebDriver page = chromium.driver();
        List<Double> readings = new ArrayList<>();
        java.util.Set<String> replicasShown = new java.util.HashSet<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        String phase = "";
        while (!List.of("COMPLETED", "FAILED", "CANCELLED", "ROLLED_BACK").contains(phase)) {
            assertTrue(System.nanoTime() < deadline, "the page never showed the end; last phase " + phase);
            // one script reads both at once: the page re-renders the timeline at every event
            List<?> reading = (List<?>) ((JavascriptExecutor) page)
                    .executeScript("const now = document.querySelector('#timeline li[aria-current=step]');"
                            + " return [now ? now.dataset.phase : '', document.getElementById('percent').textContent,"
                            + " document.getElementById('replicas').textContent];");
            phase = (String) reading.get(0);
            String percent = (String) reading.get(1);
            if ("BACKFILLING".equals(phase)) {
                replicasShown.add((String) reading.get(2));
            }
            if ("BACKFILLING".equals(phase) && percent.endsWith("%")) {
                double value = Double.parseDouble(percent.substring(0, percent.length() - 1));
                if (readings.isEmpty() || readings.get(readings.size() - 1) != value) {
                    readings.add(value);
                    if (value >= 40 && value <= 60) {
                        chromium.screenshot(halfWay);
                    }
                }
            }
            Thread.sleep(100);
        }
        assertEquals("COMPLETED", phase, "the migration ended " + phase + ": " + text(page, "phase-detail"));
        assertTrue(
                replicasShown.contains("none connected"),
                "while backfilling the page says the local stack has no replica: " + replicasShown);
        return readings;
    }

    /** The element's text as rendered (innerText: cells separated by whitespace), read in one script. */
    private static String text(WebDriver page, String elementId) {
        Object text = ((JavascriptExecutor) page)
                .executeScript(
                        "const e = document.getElementById(arguments[0]); return e ? e.innerText : '';", elementId);
        return String.valueOf(text).replaceAll("\\s+", " ").strip();
    }

    private static void awaitText(WebDriver page, String elementId, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!wanted.test(text(page, elementId))) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "#" + elementId + " never showed what was expected: " + text(page, elementId));
            Thread.sleep(200);
        }
    }
}
