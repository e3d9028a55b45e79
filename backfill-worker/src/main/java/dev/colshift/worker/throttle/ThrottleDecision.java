package dev.colshift.worker.throttle;

import java.time.Duration;

/**
 * What the throttle says before a range starts: go now ({@link #GO}), or wait {@code delay} and look again, for this
 * reason. {@code kind} is the reason's fixed category (a metric tag); {@code reason} says it in words, with numbers.
 */
public record ThrottleDecision(Duration delay, String reason, ThrottleKind kind) {
    public static final ThrottleDecision GO = new ThrottleDecision(Duration.ZERO, "", null);

    public boolean throttled() {
        return kind != null;
    }
}
