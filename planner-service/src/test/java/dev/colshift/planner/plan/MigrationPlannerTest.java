package dev.colshift.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.planner.MigrationIds;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan as exact SQL, compared as strings. Each expected statement was also run against PostgreSQL 15 (the lock
 * levels read back from pg_locks), so these strings are what PostgreSQL should get, not just what the code emits.
 */
class MigrationPlannerTest {
    private static final String ID = "m20261124T201500-1a2b3c4d";
    private static final int DEFAULT_BATCH = 10_000;
    private static final CatalogFacts USERS =
            new CatalogFacts("public", "users", "id", "bigint", "timestamp with time zone", 170000);
    private static final CatalogFacts USERS_INT =
            new CatalogFacts("public", "users", "id", "bigint", "integer", 170000);

    private static final String CHECK = "\"colshift_nn_" + ID + "\"";
    private static final String FILL_FUNCTION = "\"colshift\".\"colshift_fill_" + ID + "\"";
    private static final String FILL_TRIGGER = "\"colshift_fill_" + ID + "\"";

    private static MigrationSpec seed() {
        return new MigrationSpec("users", "last_login", "timestamptz", "now()", false, null, null);
    }

    private static MigrationSpec derived() {
        return new MigrationSpec("users", "plan_code", "integer", null, false, "plan_id * 10", null);
    }

    private static void assertStep(
            PlanStep step, String id, Phase phase, LockLevel lock, boolean scans, List<String> statements) {
        assertEquals(id, step.id());
        assertEquals(phase, step.phase(), id);
        assertEquals(lock, step.lock(), id);
        assertEquals(scans, step.scansTable(), id);
        assertEquals(statements, step.statements(), id);
    }

    private static List<String> ids(MigrationPlan plan) {
        return plan.steps().stream().map(PlanStep::id).toList();
    }

    @Test
    void seedExpandsWithoutATrigger() {
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH);

        assertStep(
                plan.steps().get(0),
                "expand:public.users:last_login",
                Phase.EXPANDING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of(
                        "ALTER TABLE \"public\".\"users\" ADD COLUMN \"last_login\" timestamp with time zone",
                        "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"last_login\" SET DEFAULT (now())"));
        assertTrue(plan.steps().stream().flatMap(s -> s.statements().stream()).noneMatch(s -> s.contains("TRIGGER")));
    }

    @Test
    void seedBackfillsInKeyRangesWithTheIsNullGuard() {
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH);
        String update = "UPDATE \"public\".\"users\" AS \"users\" SET \"last_login\" = (now())"
                + " WHERE (\"id\") >= ($1::text::bigint) AND (\"id\") < ($2::text::bigint) AND \"last_login\" IS NULL";

        assertEquals(update, plan.backfillStatement());
        assertStep(
                plan.steps().get(1),
                "backfill:public.users:last_login",
                Phase.BACKFILLING,
                LockLevel.ROW_EXCLUSIVE,
                true,
                List.of(update, update.replace("(\"id\") < ", "(\"id\") <= ")));
    }

    @Test
    void seedContractsThroughAValidatedCheck() {
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH);
        List<PlanStep> contract = plan.steps(Phase.CONTRACTING);

        assertEquals(4, contract.size());
        assertStep(
                contract.get(0),
                "add_not_null_check:public.users:last_login",
                Phase.CONTRACTING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of("ALTER TABLE \"public\".\"users\" ADD CONSTRAINT " + CHECK
                        + " CHECK (\"last_login\" IS NOT NULL) NOT VALID"));
        assertStep(
                contract.get(1),
                "validate_not_null_check:public.users:last_login",
                Phase.CONTRACTING,
                LockLevel.SHARE_UPDATE_EXCLUSIVE,
                true,
                List.of("ALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT " + CHECK));
        assertStep(
                contract.get(2),
                "set_not_null:public.users:last_login",
                Phase.CONTRACTING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"last_login\" SET NOT NULL"));
        assertStep(
                contract.get(3),
                "drop_not_null_check:public.users:last_login",
                Phase.CONTRACTING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of("ALTER TABLE \"public\".\"users\" DROP CONSTRAINT " + CHECK));
    }

    @Test
    void seedPlanAsAWhole() {
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH);

        assertEquals(
                List.of(
                        "expand:public.users:last_login",
                        "backfill:public.users:last_login",
                        "add_not_null_check:public.users:last_login",
                        "validate_not_null_check:public.users:last_login",
                        "set_not_null:public.users:last_login",
                        "drop_not_null_check:public.users:last_login"),
                ids(plan));
        assertEquals(ID, plan.migrationId());
        assertEquals("public", plan.schema());
        assertEquals("users", plan.table());
        assertEquals("last_login", plan.column());
        assertEquals("id", plan.keyColumn());
        assertEquals("timestamp with time zone", plan.canonicalType());
        assertEquals("public.users", plan.qualifiedName());
        assertEquals(DEFAULT_BATCH, plan.batchSize());
        assertEquals(1, plan.steps(Phase.EXPANDING).size());
        assertEquals(1, plan.steps(Phase.BACKFILLING).size());
        assertEquals(List.of(), plan.steps(Phase.VERIFYING));
    }

    @Test
    void theTypeIsPostgresSpellingNotTheUsers() {
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH);
        assertTrue(
                plan.steps().stream().flatMap(s -> s.statements().stream()).noneMatch(s -> s.contains("timestamptz")));
    }

    @Test
    void derivedNotNullColumnInstallsAFillTriggerWithTheColumn() {
        MigrationPlan plan = MigrationPlanner.plan(ID, derived(), USERS_INT, DEFAULT_BATCH);

        assertStep(
                plan.steps().get(0),
                "expand:public.users:plan_code",
                Phase.EXPANDING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of(
                        "CREATE FUNCTION " + FILL_FUNCTION + "() RETURNS trigger LANGUAGE plpgsql AS $colshift$\n"
                                + "#variable_conflict use_column\n"
                                + "BEGIN\n"
                                + "  IF NEW.\"plan_code\" IS NULL THEN\n"
                                + "    BEGIN\n"
                                + "      SELECT (plan_id * 10) INTO NEW.\"plan_code\" FROM (SELECT NEW.*) AS \"users\";\n"
                                + "    EXCEPTION WHEN OTHERS THEN\n"
                                + "      RAISE WARNING 'colshift fill trigger on %: value left NULL: %', TG_TABLE_NAME, SQLERRM;\n"
                                + "    END;\n"
                                + "  END IF;\n"
                                + "  RETURN NEW;\n"
                                + "END\n"
                                + "$colshift$",
                        "ALTER TABLE \"public\".\"users\" ADD COLUMN \"plan_code\" integer",
                        "CREATE TRIGGER " + FILL_TRIGGER + " BEFORE INSERT OR UPDATE ON \"public\".\"users\""
                                + " FOR EACH ROW WHEN (NEW.\"plan_code\" IS NULL) EXECUTE FUNCTION " + FILL_FUNCTION
                                + "()"));
        assertEquals(
                "UPDATE \"public\".\"users\" AS \"users\" SET \"plan_code\" = (plan_id * 10)"
                        + " WHERE (\"id\") >= ($1::text::bigint) AND (\"id\") < ($2::text::bigint) AND \"plan_code\" IS NULL",
                plan.backfillStatement());
    }

    @Test
    void derivedNotNullColumnDropsTheTriggerLast() {
        MigrationPlan plan = MigrationPlanner.plan(ID, derived(), USERS_INT, DEFAULT_BATCH);

        assertEquals(
                List.of(
                        "expand:public.users:plan_code",
                        "backfill:public.users:plan_code",
                        "add_not_null_check:public.users:plan_code",
                        "validate_not_null_check:public.users:plan_code",
                        "set_not_null:public.users:plan_code",
                        "drop_not_null_check:public.users:plan_code",
                        "drop_fill_trigger:public.users:plan_code"),
                ids(plan));
        assertStep(
                plan.steps().get(6),
                "drop_fill_trigger:public.users:plan_code",
                Phase.CONTRACTING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of(
                        "DROP TRIGGER " + FILL_TRIGGER + " ON \"public\".\"users\"",
                        "DROP FUNCTION " + FILL_FUNCTION + "()"));
    }

    @Test
    void nullableDerivedColumnHasTheTriggerButNoNotNullSteps() {
        MigrationSpec spec = new MigrationSpec("users", "plan_code", "integer", null, true, "plan_id * 10", null);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, USERS_INT, DEFAULT_BATCH);

        assertEquals(
                List.of(
                        "expand:public.users:plan_code",
                        "backfill:public.users:plan_code",
                        "drop_fill_trigger:public.users:plan_code"),
                ids(plan));
    }

    @Test
    void defaultAndDifferentBackfillGetBothDefaultAndTriggerInOrder() {
        MigrationSpec spec = new MigrationSpec("users", "plan_code", "integer", "0", false, "plan_id * 10", null);
        List<String> expand = MigrationPlanner.plan(ID, spec, USERS_INT, DEFAULT_BATCH)
                .steps()
                .get(0)
                .statements();

        assertEquals(4, expand.size());
        assertTrue(expand.get(0).startsWith("CREATE FUNCTION " + FILL_FUNCTION + "()"));
        assertEquals("ALTER TABLE \"public\".\"users\" ADD COLUMN \"plan_code\" integer", expand.get(1));
        assertEquals("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"plan_code\" SET DEFAULT (0)", expand.get(2));
        assertTrue(expand.get(3).startsWith("CREATE TRIGGER " + FILL_TRIGGER));
    }

    @Test
    void backfillEqualToTheDefaultNeedsNoTrigger() {
        MigrationSpec spec = new MigrationSpec("users", "last_login", "timestamptz", "now()", false, "now()", null);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, USERS, DEFAULT_BATCH);

        assertEquals(MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH).steps(), plan.steps());
    }

    @Test
    void nullableColumnWithNothingToFillIsOnlyExpanded() {
        MigrationSpec spec = new MigrationSpec("users", "note", "text", null, null, null, null);
        CatalogFacts facts = new CatalogFacts("public", "users", "id", "bigint", "text", 170000);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, facts, DEFAULT_BATCH);

        assertNull(plan.backfillStatement());
        assertEquals(1, plan.steps().size());
        assertStep(
                plan.steps().get(0),
                "expand:public.users:note",
                Phase.EXPANDING,
                LockLevel.ACCESS_EXCLUSIVE,
                false,
                List.of("ALTER TABLE \"public\".\"users\" ADD COLUMN \"note\" text"));
    }

    @Test
    void nullableColumnWithADefaultBackfillsExistingRowsWithIt() {
        MigrationSpec spec = new MigrationSpec("users", "note", "text", "'none'", true, null, null);
        CatalogFacts facts = new CatalogFacts("public", "users", "id", "bigint", "text", 170000);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, facts, DEFAULT_BATCH);

        assertEquals(List.of("expand:public.users:note", "backfill:public.users:note"), ids(plan));
        assertEquals(
                "UPDATE \"public\".\"users\" AS \"users\" SET \"note\" = ('none')"
                        + " WHERE (\"id\") >= ($1::text::bigint) AND (\"id\") < ($2::text::bigint) AND \"note\" IS NULL",
                plan.backfillStatement());
    }

    @Test
    void identifiersThatNeedQuotingStayQuoted() {
        CatalogFacts facts = new CatalogFacts("Sales", "OrderItems", "Id", "bigint", "integer", 170000);
        MigrationSpec spec =
                new MigrationSpec("Sales.OrderItems", "LineTotal", "int", null, false, "\"Qty\" * 2", null);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, facts, DEFAULT_BATCH);

        assertEquals(
                "UPDATE \"Sales\".\"OrderItems\" AS \"OrderItems\" SET \"LineTotal\" = (\"Qty\" * 2)"
                        + " WHERE (\"Id\") >= ($1::text::bigint) AND (\"Id\") < ($2::text::bigint) AND \"LineTotal\" IS NULL",
                plan.backfillStatement());
        List<String> expand = plan.steps().get(0).statements();
        assertTrue(
                expand.get(0)
                        .contains("SELECT (\"Qty\" * 2) INTO NEW.\"LineTotal\" FROM (SELECT NEW.*) AS"
                                + " \"OrderItems\";"),
                expand.get(0));
        assertEquals("ALTER TABLE \"Sales\".\"OrderItems\" ADD COLUMN \"LineTotal\" integer", expand.get(1));
        assertEquals(
                "CREATE TRIGGER " + FILL_TRIGGER + " BEFORE INSERT OR UPDATE ON \"Sales\".\"OrderItems\""
                        + " FOR EACH ROW WHEN (NEW.\"LineTotal\" IS NULL) EXECUTE FUNCTION " + FILL_FUNCTION + "()",
                expand.get(2));
        assertEquals(
                "ALTER TABLE \"Sales\".\"OrderItems\" ALTER COLUMN \"LineTotal\" SET NOT NULL",
                plan.steps().get(4).statements().get(0));
        assertEquals("expand:Sales.OrderItems:LineTotal", plan.steps().get(0).id());
    }

    @Test
    void embeddedQuotesAndReservedWordsAreQuoted() {
        CatalogFacts facts = new CatalogFacts("public", "we\"ird", "order", "bigint", "text", 170000);
        MigrationSpec spec = new MigrationSpec("users", "select", "text", "'x'", true, null, null);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, facts, DEFAULT_BATCH);

        assertEquals(
                "ALTER TABLE \"public\".\"we\"\"ird\" ADD COLUMN \"select\" text",
                plan.steps().get(0).statements().get(0));
        assertEquals(
                "UPDATE \"public\".\"we\"\"ird\" AS \"we\"\"ird\" SET \"select\" = ('x')"
                        + " WHERE (\"order\") >= ($1::text::bigint) AND (\"order\") < ($2::text::bigint) AND \"select\" IS NULL",
                plan.backfillStatement());
    }

    @Test
    void theSameInputGivesAnEqualPlan() {
        assertEquals(
                MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH),
                MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH));
        assertEquals(
                MigrationPlanner.plan(ID, derived(), USERS_INT, DEFAULT_BATCH),
                MigrationPlanner.plan(
                        ID,
                        new MigrationSpec("users", "plan_code", "integer", null, false, "plan_id * 10", null),
                        USERS_INT,
                        DEFAULT_BATCH));
    }

    @Test
    void helperObjectNamesBelongToTheMigration() {
        MigrationPlan one = MigrationPlanner.plan(ID, derived(), USERS_INT, DEFAULT_BATCH);
        MigrationPlan other = MigrationPlanner.plan("m20261124T201501-ffffffff", derived(), USERS_INT, DEFAULT_BATCH);

        assertEquals(ids(one), ids(other));
        assertNotEquals(one.steps(), other.steps());
        assertTrue(other.steps().get(2).statements().get(0).contains("\"colshift_nn_m20261124T201501-ffffffff\""));
    }

    @Test
    void helperObjectNamesFitInSixtyThreeBytes() {
        String id = MigrationIds.next(Clock.systemUTC());
        MigrationPlan plan = MigrationPlanner.plan(id, derived(), USERS_INT, DEFAULT_BATCH);
        String longest = "colshift_fill_" + id;
        assertTrue(longest.length() <= 63, longest);
        assertTrue(plan.steps().get(0).statements().get(2).startsWith("CREATE TRIGGER \"" + longest + "\" "));
    }

    @Test
    void planIsImmutable() {
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH);
        assertThrows(UnsupportedOperationException.class, () -> plan.steps().clear());
        assertThrows(
                UnsupportedOperationException.class,
                () -> plan.steps().get(0).statements().clear());
    }

    @Test
    void batchSizeComesFromTheSpec() {
        MigrationSpec spec = new MigrationSpec("users", "last_login", "timestamptz", "now()", false, null, 500);
        assertEquals(500, MigrationPlanner.plan(ID, spec, USERS, DEFAULT_BATCH).batchSize());
    }

    @Test
    void batchSizeFallsBackToTheDefault() {
        assertEquals(
                DEFAULT_BATCH,
                MigrationPlanner.plan(ID, seed(), USERS, DEFAULT_BATCH).batchSize());
        assertEquals(777, MigrationPlanner.plan(ID, seed(), USERS, 777).batchSize());
    }

    /**
     * Bounds are cast to the key's own type: no range ever needs a bound past the largest key (an {@code integer} key
     * of 2147483647 once needed 2147483648), since the last range includes the key maximum captured at backfill start.
     */
    @Test
    void boundsTakeTheKeyTypeAndTheLastRangeIncludesTheMaximum() {
        CatalogFacts intKey = new CatalogFacts("public", "users", "id", "integer", "timestamp with time zone", 170000);
        MigrationPlan plan = MigrationPlanner.plan(ID, seed(), intKey, DEFAULT_BATCH);
        assertEquals(
                "UPDATE \"public\".\"users\" AS \"users\" SET \"last_login\" = (now())"
                        + " WHERE (\"id\") >= ($1::text::integer) AND (\"id\") <= ($2::text::integer)"
                        + " AND \"last_login\" IS NULL",
                plan.lastRangeStatement());
        assertEquals(
                List.of(plan.backfillStatement(), plan.lastRangeStatement()),
                plan.steps(Phase.BACKFILLING).get(0).statements());
    }

    @Test
    void aCompositeKeyIsComparedAsARowValue() {
        CatalogFacts composite = new CatalogFacts(
                "public",
                "orders",
                List.of(new KeyColumn("tenant", "integer"), new KeyColumn("id", "uuid")),
                "integer",
                170000,
                null,
                null,
                null);
        MigrationSpec spec = new MigrationSpec("orders", "total", "int", null, true, "1", null);
        MigrationPlan plan = MigrationPlanner.plan(ID, spec, composite, DEFAULT_BATCH);
        assertEquals(
                "UPDATE \"public\".\"orders\" AS \"orders\" SET \"total\" = (1)"
                        + " WHERE (\"tenant\", \"id\") >= ($1::text::integer, $2::text::uuid)"
                        + " AND (\"tenant\", \"id\") < ($3::text::integer, $4::text::uuid) AND \"total\" IS NULL",
                plan.backfillStatement());
        assertEquals("tenant, id", plan.keyColumn());
        assertEquals(composite.key(), plan.key());
    }

    /**
     * The trigger body is dollar-quoted with the fixed tag $colshift$, and ExpressionShape lets '$' through inside a
     * string literal; an expression containing that tag ends the function body early and the CREATE FUNCTION
     * becomes a syntax error (the rehearsal then refuses a legitimate expression with a confusing message).
     */
    @Test
    void fillFunctionBodyCannotBeClosedByTheExpression() {
        String create = FillTrigger.createFunction("colshift.f", "c", "'cost: $colshift$'", "users");
        String tag = create.substring(create.indexOf(" AS ") + 4, create.indexOf('\n'));
        String body = create.substring(create.indexOf('\n'), create.lastIndexOf(tag));
        assertFalse(body.contains(tag), create);
    }

    @Test
    void everyStepThatAddsToTheTableSaysHowToUndoIt() {
        MigrationPlan plan = MigrationPlanner.plan(ID, derived(), USERS_INT, DEFAULT_BATCH);
        PlanStep expand = plan.steps().get(0);
        assertEquals(
                List.of(
                        "DROP TRIGGER IF EXISTS " + FILL_TRIGGER + " ON \"public\".\"users\"",
                        "DROP FUNCTION IF EXISTS " + FILL_FUNCTION + "()",
                        "ALTER TABLE \"public\".\"users\" DROP COLUMN IF EXISTS \"plan_code\""),
                expand.undo().statements());
        assertEquals(
                "ALTER TABLE \"public\".\"users\" DROP CONSTRAINT IF EXISTS " + CHECK,
                plan.steps().stream()
                        .filter(s -> s.id().startsWith("add_not_null_check:"))
                        .findFirst()
                        .orElseThrow()
                        .undo()
                        .statements()
                        .get(0));
        assertTrue(plan.steps().stream().allMatch(s -> s.execution() == Execution.IN_TRANSACTION));
    }
}
