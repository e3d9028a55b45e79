package dev.colshift.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void startsWaitsForReadinessPassesPropertiesAndStops() throws Exception {
        Path log = dir.resolve("logs/fake.log");
        ServiceProcess service =
                ServiceProcess.start("fake", fakeServiceJar(), Map.of("colshift.greeting", "hello world"), log);
        try {
            assertTrue(service.isAlive());
            assertEquals("http://127.0.0.1:" + service.port(), service.baseUrl());
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(service.baseUrl() + "/prop/colshift.greeting"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("hello world", response.body());
            assertTrue(Files.readString(log).contains("fake service listening on 127.0.0.1:" + service.port()));
        } finally {
            service.close();
        }
        assertFalse(service.isAlive());
        assertFalse(ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void reportsTheLogTailWhenTheServiceDies() throws Exception {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ServiceProcess.start(
                        "dying", fakeServiceJar(), Map.of("fake.exit", "3"), dir.resolve("dying.log")));
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("fake service exiting with 3"), e.getMessage());
    }

    private Path fakeServiceJar() throws IOException {
        Path jar = dir.resolve("fake-run.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusService.class.getName());
        String entry = FakeQuarkusService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                var classFile = FakeQuarkusService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
