package dev.colshift.cli;

import dev.colshift.testkit.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A worker's count of the ranges it received since it started, from its {@code /q/metrics}. */
final class WorkerRanges {
    private WorkerRanges() {}

    /** {@code colshift_backfill_ranges_total} with this outcome ({@code done}, {@code already-done}), or all (null). */
    static double received(ServiceProcess worker, String outcome) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(worker.baseUrl() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("colshift_backfill_ranges_total{")
                    && (outcome == null || line.contains("outcome=\"" + outcome + "\""))) {
                // an OpenMetrics exemplar (" # {trace_id=...} ...") may follow the value
                String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
                total += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
