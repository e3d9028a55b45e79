package dev.colshift.planner.api;

import java.util.OptionalInt;

/** The {@code ?limit=} of {@code GET /migrations}: how many migrations to list, within bounds the ledger can afford. */
final class ListLimit {
    static final int DEFAULT = 50;
    static final int MAX = 500;

    private ListLimit() {}

    /** The limit asked for, {@link #DEFAULT} when none is; empty when it is not a whole number from 1 to {@link #MAX}. */
    static OptionalInt parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return OptionalInt.of(DEFAULT);
        }
        String digits = raw.strip();
        if (digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int limit = Integer.parseInt(digits);
        return limit >= 1 && limit <= MAX ? OptionalInt.of(limit) : OptionalInt.empty();
    }
}
