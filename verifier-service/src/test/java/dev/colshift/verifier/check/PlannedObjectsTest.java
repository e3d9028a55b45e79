package dev.colshift.verifier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.PlannedStep;
import dev.colshift.verifier.check.PlannedObjects.PlannedConstraint;
import dev.colshift.verifier.check.PlannedObjects.PlannedIndex;
import dev.colshift.verifier.db.IndexShape;
import dev.colshift.verifier.db.RequestedShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the constraints and indexes a plan adds from its steps, paired with the probe's shapes in spec order. */
class PlannedObjectsTest {
    private static final IndexShape UNIQUE = new IndexShape("btree", true, List.of("c"), null);
    private static final IndexShape LOWER = new IndexShape("btree", false, List.of("lower(c)"), "c IS NOT NULL");
    private static final RequestedShape PROBE =
            new RequestedShape(null, List.of("(c > 0)", "(c < 10)"), UNIQUE, List.of(LOWER), false, null, null, null);

    private static MigrationUnderCheck migration(PlannedStep... steps) {
        return new MigrationUnderCheck(
                "m1",
                new MigrationSpec("public.t", "c", "int", null, null, null, null),
                "public",
                "t",
                "c",
                "id",
                "integer",
                List.of(steps),
                null,
                null,
                null,
                null);
    }

    @Test
    void constraintsComeWithTheirCatalogNamesAndKinds() {
        MigrationUnderCheck m = migration(
                new PlannedStep("expand:public.t:c", Phase.EXPANDING),
                step(
                        "add_check_1",
                        "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_c_check\" CHECK (c > 0) NOT VALID"),
                step("validate_check_1", "ALTER TABLE \"public\".\"t\" VALIDATE CONSTRAINT \"t_c_check\""),
                step(
                        "add_check_2",
                        "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"say \"\"hi\"\"\" CHECK (c < 10) NOT VALID"),
                step("add_foreign_key", "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_c_fkey\" FOREIGN KEY (\"c\")"),
                step(
                        "add_unique_constraint",
                        "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_c_key\" UNIQUE USING INDEX \"t_c_key\""));
        List<PlannedConstraint> planned = PlannedObjects.constraints(m, PROBE);
        assertEquals(
                List.of("t_c_check", "say \"hi\"", "t_c_fkey", "t_c_key"),
                planned.stream().map(PlannedConstraint::name).toList());
        assertEquals(
                List.of('c', 'c', 'f', 'u'),
                planned.stream().map(PlannedConstraint::kind).toList());
        assertEquals("(c > 0)", planned.get(0).expression());
        assertEquals("(c < 10)", planned.get(1).expression());
    }

    @Test
    void indexesPairWithTheUniqueShapeOrTheRequestedIndexInOrder() {
        MigrationUnderCheck m = migration(
                new PlannedStep(
                        "build_unique_index:public.t:c",
                        Phase.CONTRACTING,
                        List.of("CREATE ..."),
                        "\"public\".\"t_c_key\""),
                new PlannedStep(
                        "build_index_t_c_idx:public.t:c",
                        Phase.CONTRACTING,
                        List.of("CREATE ..."),
                        "\"public\".\"t_c_idx\""));
        List<PlannedIndex> planned = PlannedObjects.indexes(m, PROBE);
        assertEquals(
                List.of(
                        new PlannedIndex("build_unique_index:public.t:c", "\"public\".\"t_c_key\"", UNIQUE),
                        new PlannedIndex("build_index_t_c_idx:public.t:c", "\"public\".\"t_c_idx\"", LOWER)),
                planned);
    }

    @Test
    void constraintNameIsReadQuotedOrNot() {
        assertEquals("a", PlannedObjects.constraintName("ALTER TABLE t ADD CONSTRAINT a CHECK (x)"));
        assertEquals("A b", PlannedObjects.constraintName("ALTER TABLE t ADD CONSTRAINT \"A b\" CHECK (x)"));
        assertNull(PlannedObjects.constraintName("ALTER TABLE t VALIDATE CONSTRAINT a"));
        assertNull(PlannedObjects.constraintName("ALTER TABLE t ADD CONSTRAINT \"unterminated"));
    }

    private static PlannedStep step(String action, String statement) {
        return new PlannedStep(action + ":public.t:c", Phase.CONTRACTING, List.of(statement), null);
    }
}
