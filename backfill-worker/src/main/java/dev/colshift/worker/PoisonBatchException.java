package dev.colshift.worker;

/** A batch message that can never be processed; it goes to the dead-letter topic with this message as the reason. */
public class PoisonBatchException extends RuntimeException {
    public PoisonBatchException(String reason) {
        super(reason);
    }
}
