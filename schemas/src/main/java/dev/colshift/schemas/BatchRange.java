package dev.colshift.schemas;

/** Keys {@code lowerBound <= key < upperBound}, the unit of backfill work and of the batch ledger. */
public record BatchRange(long rangeId, long lowerBound, long upperBound) {}
