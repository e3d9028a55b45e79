package dev.colshift.schemas;

/** A message that does not satisfy its schema or cannot be read as its record. The message says why. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
