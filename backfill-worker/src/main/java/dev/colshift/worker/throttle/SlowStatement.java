package dev.colshift.worker.throttle;

import java.time.Duration;

/** The application's longest-running statement right now: its session, the session's name, and how long it runs. */
public record SlowStatement(int pid, String applicationName, Duration running) {}
