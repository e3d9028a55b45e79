package dev.colshift.verifier;

import dev.colshift.schemas.Phase;
import java.util.List;

/**
 * One step of the stored plan, as far as verification cares.
 *
 * @param statements   the SQL the step runs (the names of the constraints it adds are read from here)
 * @param createsIndex for a concurrent index build, the index it creates ({@code "schema"."name"}), else null
 */
public record PlannedStep(String id, Phase phase, List<String> statements, String createsIndex) {

    public PlannedStep {
        statements = statements == null ? List.of() : List.copyOf(statements);
    }

    public PlannedStep(String id, Phase phase) {
        this(id, phase, List.of(), null);
    }

    /** The step's kind: its id up to the first colon ({@code add_check_2}, {@code build_index_users_x_idx}). */
    public String action() {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }
}
