package dev.colshift.worker;

import static io.restassured.RestAssured.given;

/** Reads the worker's {@code /q/metrics} in tests that share one running worker (counters add up across them). */
final class WorkerMetrics {
    private WorkerMetrics() {}

    static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample, e.g. {@code colshift_backfill_rows_total}; 0 when the worker has none yet. */
    static double value(String sample) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(
                        withoutExemplar(line).substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }

    /** The sample without its OpenMetrics exemplar ({@code # {trace_id=...} ...}), there when a span was current. */
    static String withoutExemplar(String line) {
        int exemplar = line.indexOf(" # ");
        return exemplar < 0 ? line : line.substring(0, exemplar);
    }
}
