package dev.colshift.planner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colshift.planner.control.DriverAction.AskVerifier;
import dev.colshift.planner.control.DriverAction.Done;
import dev.colshift.planner.control.DriverAction.PublishRanges;
import dev.colshift.planner.control.DriverAction.RunStep;
import dev.colshift.planner.control.DriverAction.RunUndo;
import dev.colshift.planner.control.DriverAction.StartBackfill;
import dev.colshift.planner.control.DriverAction.Transition;
import dev.colshift.planner.control.DriverAction.Wait;
import dev.colshift.planner.db.MigrationRecord;
import dev.colshift.planner.plan.CatalogFacts;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.planner.plan.MigrationPlanner;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.WindowSpec;
import dev.colshift.schemas.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decider's rules, one row each: record + progress + now → the next action. */
class MigrationDeciderTest {
    private static final String ID = "m20261125T190000-1a2b3c4d";
    private static final Instant NOW = Instant.parse("2026-11-25T19:30:00Z");
    private static final CatalogFacts FACTS = new CatalogFacts("public", "users", "id", "bigint", "integer", 170000);
    /** A backfill: expand, backfill, four NOT NULL steps, drop trigger. */
    private static final MigrationSpec DERIVED =
            new MigrationSpec("users", "plan_code", "integer", null, false, "plan_id * 10", 100);

    private static final MigrationPlan PLAN = MigrationPlanner.plan(ID, DERIVED, FACTS, 100);
    private static final String EXPAND = "expand:public.users:plan_code";
    private static final String SET_NOT_NULL = "set_not_null:public.users:plan_code";
    private static final Set<String> EXPANDED = Set.of(EXPAND);
    private static final Set<String> CONTRACTED = Set.of(
            EXPAND,
            "add_not_null_check:public.users:plan_code",
            "validate_not_null_check:public.users:plan_code",
            SET_NOT_NULL,
            "drop_not_null_check:public.users:plan_code",
            "drop_fill_trigger:public.users:plan_code");

    private static MigrationRecord record(Phase phase, DesiredState desired) {
        return record(phase, desired, DERIVED, true, null, null, null);
    }

    private static MigrationRecord record(
            Phase phase,
            DesiredState desired,
            MigrationSpec spec,
            boolean published,
            Phase pausedFrom,
            OffsetDateTime verifyAsked,
            String failure) {
        return new MigrationRecord(
                ID,
                spec,
                PLAN,
                phase,
                "test",
                1L,
                1000L,
                10L,
                published,
                1000L,
                OffsetDateTime.now(),
                null,
                null,
                verifyAsked,
                null,
                null,
                null,
                desired,
                pausedFrom,
                null,
                null,
                failure,
                List.of("1"),
                List.of("1000"),
                published,
                0,
                null);
    }

    private static Progress progress(Set<String> steps, long batches) {
        return new Progress(steps, batches, batches * 100);
    }

    static Stream<Arguments> rules() {
        MigrationSpec nightly = new MigrationSpec(
                "users",
                "plan_code",
                "integer",
                null,
                false,
                "plan_id * 10",
                100,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new WindowSpec("02:00", "04:00", "UTC", null)),
                null);
        return Stream.of(
                Arguments.of(
                        "accepted starts expanding",
                        record(Phase.ACCEPTED, DesiredState.RUN),
                        progress(Set.of(), 0),
                        new Transition(Phase.ACCEPTED, Phase.EXPANDING, null)),
                Arguments.of(
                        "expanding runs its step",
                        record(Phase.EXPANDING, DesiredState.RUN),
                        progress(Set.of(), 0),
                        new RunStep(PLAN.steps().get(0))),
                Arguments.of(
                        "expanded starts the backfill",
                        record(Phase.EXPANDING, DesiredState.RUN),
                        progress(EXPANDED, 0),
                        new StartBackfill()),
                Arguments.of(
                        "unpublished ranges are published",
                        record(Phase.BACKFILLING, DesiredState.RUN, DERIVED, false, null, null, null),
                        progress(EXPANDED, 0),
                        new PublishRanges()),
                Arguments.of(
                        "a backfill in progress waits",
                        record(Phase.BACKFILLING, DesiredState.RUN),
                        progress(EXPANDED, 4),
                        new Wait("backfilling: 4 of 10 ranges done")),
                Arguments.of(
                        "a dead-lettered range holds the backfill until it is re-driven",
                        record(Phase.BACKFILLING, DesiredState.RUN),
                        new Progress(EXPANDED, 9, 900, new Progress.DeadRanges(1, 3, "division by zero (22012)")),
                        new Wait("backfilling: 9 of 10 ranges done; 1 dead-lettered (range 3: division by zero"
                                + " (22012)): fix the cause, then POST /migrations/" + ID + "/redrive, or roll back")),
                Arguments.of(
                        "a re-driven range that is done moves to contract",
                        record(Phase.BACKFILLING, DesiredState.RUN),
                        new Progress(EXPANDED, 10, 1000, new Progress.DeadRanges(1, 3, "division by zero (22012)")),
                        new Transition(Phase.BACKFILLING, Phase.CONTRACTING, "1000 rows backfilled")),
                Arguments.of(
                        "the last range moves to contract",
                        record(Phase.BACKFILLING, DesiredState.RUN),
                        progress(EXPANDED, 10),
                        new Transition(Phase.BACKFILLING, Phase.CONTRACTING, "1000 rows backfilled")),
                Arguments.of(
                        "contracting runs its next step",
                        record(Phase.CONTRACTING, DesiredState.RUN),
                        progress(EXPANDED, 10),
                        new RunStep(PLAN.steps().get(2))),
                Arguments.of(
                        "contracted asks for verification",
                        record(Phase.CONTRACTING, DesiredState.RUN),
                        progress(CONTRACTED, 10),
                        new Transition(Phase.CONTRACTING, Phase.VERIFYING, null)),
                Arguments.of(
                        "a silent verifier is asked again",
                        record(
                                Phase.VERIFYING,
                                DesiredState.RUN,
                                DERIVED,
                                true,
                                null,
                                OffsetDateTime.ofInstant(NOW.minusSeconds(60), ZoneOffset.UTC),
                                null),
                        progress(CONTRACTED, 10),
                        new AskVerifier()),
                Arguments.of(
                        "a recent ask waits",
                        record(
                                Phase.VERIFYING,
                                DesiredState.RUN,
                                DERIVED,
                                true,
                                null,
                                OffsetDateTime.ofInstant(NOW.minusSeconds(5), ZoneOffset.UTC),
                                null),
                        progress(CONTRACTED, 10),
                        new Wait("waiting for the verifier")),
                Arguments.of(
                        "pause stops a backfill",
                        record(Phase.BACKFILLING, DesiredState.PAUSE),
                        progress(EXPANDED, 4),
                        new Transition(Phase.BACKFILLING, Phase.PAUSED, "paused on request in BACKFILLING")),
                Arguments.of(
                        "paused stays paused",
                        record(Phase.PAUSED, DesiredState.PAUSE, DERIVED, false, Phase.BACKFILLING, null, null),
                        progress(EXPANDED, 4),
                        new Wait("paused on request")),
                Arguments.of(
                        "resume returns to where it paused",
                        record(Phase.PAUSED, DesiredState.RUN, DERIVED, false, Phase.BACKFILLING, null, null),
                        progress(EXPANDED, 4),
                        new Transition(Phase.PAUSED, Phase.BACKFILLING, "resumed in BACKFILLING")),
                Arguments.of(
                        "cancel stops where it is",
                        record(Phase.CONTRACTING, DesiredState.CANCEL),
                        progress(EXPANDED, 10),
                        new Transition(Phase.CONTRACTING, Phase.CANCELLED, "cancelled on request in CONTRACTING")),
                Arguments.of(
                        "rollback starts from a cancelled migration",
                        record(Phase.CANCELLED, DesiredState.ROLLBACK),
                        progress(EXPANDED, 10),
                        new Transition(Phase.CANCELLED, Phase.ROLLING_BACK, "rollback requested in CANCELLED")),
                Arguments.of(
                        "rollback undoes the latest step first",
                        record(Phase.ROLLING_BACK, DesiredState.ROLLBACK),
                        progress(CONTRACTED, 10),
                        new RunUndo(PLAN.steps().get(4))),
                Arguments.of(
                        "rollback ends when every undo is done",
                        record(Phase.ROLLING_BACK, DesiredState.ROLLBACK),
                        progress(Set.of(EXPAND, "undo:" + EXPAND), 10),
                        new Transition(
                                Phase.ROLLING_BACK,
                                Phase.ROLLED_BACK,
                                "rolled back: everything the migration added is gone")),
                Arguments.of(
                        "a failure's rollback removes the helpers of the column it keeps",
                        record(
                                Phase.ROLLING_BACK,
                                DesiredState.ROLLBACK_KEEPING_COLUMN,
                                DERIVED,
                                true,
                                null,
                                null,
                                "BACKFILLING: division by zero"),
                        progress(Set.of(EXPAND), 10),
                        new RunUndo(PLAN.steps().get(0), true)),
                Arguments.of(
                        "a failure's rollback keeps a column the application may use",
                        record(
                                Phase.ROLLING_BACK,
                                DesiredState.ROLLBACK_KEEPING_COLUMN,
                                DERIVED,
                                true,
                                null,
                                null,
                                "BACKFILLING: division by zero"),
                        progress(Set.of(EXPAND, "undo-helpers:" + EXPAND), 10),
                        new Transition(
                                Phase.ROLLING_BACK,
                                Phase.FAILED,
                                "BACKFILLING: division by zero; rolled back except the column plan_code, which the"
                                        + " application may already use: POST /migrations/" + ID
                                        + "/rollback removes it")),
                Arguments.of(
                        "an operator's rollback after a failure removes the column too",
                        record(
                                Phase.ROLLING_BACK,
                                DesiredState.ROLLBACK,
                                DERIVED,
                                true,
                                null,
                                null,
                                "BACKFILLING: division by zero"),
                        progress(Set.of(EXPAND), 10),
                        new RunUndo(PLAN.steps().get(0))),
                Arguments.of(
                        "completed stays done",
                        record(Phase.COMPLETED, DesiredState.RUN),
                        progress(CONTRACTED, 10),
                        new Done()),
                Arguments.of(
                        "an ACCESS EXCLUSIVE step waits for its window",
                        record(Phase.EXPANDING, DesiredState.RUN, nightly, true, null, null, null),
                        progress(Set.of(), 0),
                        new Wait("waiting for the maintenance window opening at 2026-11-26T02:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(String rule, MigrationRecord record, Progress done, DriverAction expected) {
        assertEquals(expected, MigrationDecider.decide(record, done, NOW, Duration.ofSeconds(30)), rule);
    }
}
