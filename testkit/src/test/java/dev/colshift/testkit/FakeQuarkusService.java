package dev.colshift.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a packaged Quarkus service in {@link ServiceProcessTest}: a real JVM serving
 * {@code /q/health/ready} and echoing its system properties under {@code /prop/<name>}.
 */
public final class FakeQuarkusService {

    private FakeQuarkusService() {}

    public static void main(String[] args) throws IOException {
        String exitCode = System.getProperty("fake.exit");
        if (exitCode != null) {
            System.err.println("fake service exiting with " + exitCode);
            System.exit(Integer.parseInt(exitCode));
        }
        String host = System.getProperty("quarkus.http.host");
        int port = Integer.parseInt(System.getProperty("quarkus.http.port"));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/q/health/ready", exchange -> respond(exchange, "{\"status\":\"UP\"}"));
        server.createContext(
                "/prop/",
                exchange -> respond(
                        exchange,
                        System.getProperty(exchange.getRequestURI().getPath().substring("/prop/".length()), "")));
        server.start();
        System.out.println("fake service listening on " + host + ":" + port);
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
