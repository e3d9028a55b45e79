package dev.colshift.worker;

/**
 * A batch message that can never be processed; it goes to the dead-letter topic with this message as the reason.
 * {@code kind} says which sort of failure it was ({@code invalid} for a message that names no planned range, or the
 * {@link dev.colshift.schemas.PgErrorClass} tag), for the {@code colshift_backfill_dead_letters_total} metric.
 */
public class PoisonBatchException extends RuntimeException {
    private final String kind;

    public PoisonBatchException(String reason) {
        this(reason, "invalid");
    }

    public PoisonBatchException(String reason, String kind) {
        super(reason);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
