package dev.colshift.verifier.db;

/** A ledger row the verifier cannot make sense of (bad JSON, a plan step without id or phase); retrying won't help. */
public class UnreadableLedgerException extends RuntimeException {
    public UnreadableLedgerException(String migrationId, String problem, Throwable cause) {
        super("migration " + migrationId + ": " + problem, cause);
    }
}
