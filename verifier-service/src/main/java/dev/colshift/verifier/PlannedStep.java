package dev.colshift.verifier;

import dev.colshift.schemas.Phase;

/** One step of the stored plan, as far as verification cares: its ledger id and the phase that runs it. */
public record PlannedStep(String id, Phase phase) {}
