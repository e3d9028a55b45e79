package dev.colshift.verifier.check;

import dev.colshift.verifier.VerifierConfig;
import dev.colshift.verifier.db.RequestedShape;
import dev.colshift.verifier.db.ShortTransactions;

/**
 * What a check gets besides the migration: short transactions on the target (read only), the requested shape as
 * PostgreSQL spelled it, and the scan settings.
 */
public record CheckContext(ShortTransactions db, RequestedShape requested, VerifierConfig config) {}
