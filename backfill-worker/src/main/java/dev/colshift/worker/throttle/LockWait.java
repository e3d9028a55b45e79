package dev.colshift.worker.throttle;

import java.time.Duration;

/** An application session ({@code waitingPid}) waiting for a lock a colshift session ({@code holderPid}) holds. */
public record LockWait(int waitingPid, int holderPid, Duration waiting) {}
