package dev.colshift.planner.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colshift.planner.plan.CatalogFacts;
import dev.colshift.planner.plan.ColumnProbe;
import dev.colshift.planner.plan.PlanInput;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.MigrationSpec.GeneratedSpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lint rule, fired by the smallest change that should fire it, with its severity. */
class LinterTest {
    private static final ColumnProbe METADATA_ONLY = new ColumnProbe(false, false, true);
    private static final ColumnProbe REWRITES = new ColumnProbe(true, true, false);

    private static MigrationSpec spec(String type, String defaultExpression, String backfill) {
        return new MigrationSpec("users", "c", type, defaultExpression, null, backfill, null);
    }

    private static MigrationSpec v2(
            ForeignKeySpec references, String identity, GeneratedSpec generated, List<IndexSpec> indexes) {
        return new MigrationSpec(
                "users",
                "c",
                "bigint",
                null,
                null,
                null,
                null,
                null,
                null,
                references,
                null,
                null,
                identity,
                generated,
                indexes,
                null,
                null,
                null,
                null,
                null);
    }

    private static LintSubject subject(MigrationSpec spec, ColumnProbe probe, int version, TableStats stats) {
        CatalogFacts facts = new CatalogFacts(
                "public", "users", List.of(new KeyColumn("id", "bigint")), "bigint", version, probe, null, null);
        return new LintSubject(new PlanInput("m1", spec, facts), stats);
    }

    private static LintSubject subject(MigrationSpec spec) {
        return subject(spec, METADATA_ONLY, 170000, TableStats.unknown());
    }

    private static TableStats stats(
            long rows, List<String> triggers, List<String> leading, List<String> keys, List<String> old) {
        return new TableStats(rows, rows * 100, false, triggers, leading, keys, old);
    }

    static Stream<Arguments> rules() {
        IndexSpec onC = new IndexSpec(null, null, null, List.of("c"), null);
        return Stream.of(
                Arguments.of(
                        subject(
                                v2(null, null, new GeneratedSpec("id * 2", "STORED"), null),
                                REWRITES,
                                170000,
                                TableStats.unknown()),
                        "generated-stored-rewrites",
                        Severity.HAZARD),
                Arguments.of(
                        subject(v2(null, "ALWAYS", null, null), REWRITES, 170000, TableStats.unknown()),
                        "identity-rewrites",
                        Severity.HAZARD),
                Arguments.of(
                        subject(
                                spec("int", null, "1"),
                                METADATA_ONLY,
                                170000,
                                stats(10, List.of("touch"), List.of(), List.of(), List.of())),
                        "per-row-trigger",
                        Severity.HAZARD),
                Arguments.of(
                        subject(v2(null, null, null, List.of(onC)), METADATA_ONLY, 140002, TableStats.unknown()),
                        "index-corruption-pg14",
                        Severity.HAZARD),
                Arguments.of(subject(spec("integer", null, null)), "prefer-bigint", Severity.WARNING),
                Arguments.of(subject(spec("varchar(20)", null, null)), "prefer-text", Severity.WARNING),
                Arguments.of(subject(spec("timestamp", null, null)), "prefer-timestamptz", Severity.WARNING),
                Arguments.of(subject(spec("char(3)", null, null)), "ban-char", Severity.WARNING),
                Arguments.of(subject(spec("json", null, null)), "json-not-jsonb", Severity.WARNING),
                Arguments.of(
                        subject(
                                spec("bigint", null, "1"),
                                METADATA_ONLY,
                                170000,
                                stats(20_000_000, List.of(), List.of(), List.of(), List.of())),
                        "large-table",
                        Severity.WARNING),
                Arguments.of(
                        subject(
                                spec("bigint", null, null),
                                METADATA_ONLY,
                                170000,
                                stats(
                                        10,
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        List.of("pid 42 open 300 s (idle in transaction)"))),
                        "long-running-transaction",
                        Severity.WARNING),
                Arguments.of(
                        subject(v2(new ForeignKeySpec("orgs", null, null, null, null), null, null, null)),
                        "foreign-key-without-index",
                        Severity.WARNING),
                Arguments.of(
                        subject(
                                v2(null, null, null, List.of(onC)),
                                METADATA_ONLY,
                                170000,
                                stats(10, List.of(), List.of("c"), List.of("c"), List.of())),
                        "duplicate-index",
                        Severity.WARNING),
                Arguments.of(subject(spec("bigint", null, null)), "add-column-metadata-only", Severity.INFO),
                Arguments.of(
                        subject(spec("uuid", "gen_random_uuid()", null), REWRITES, 170000, TableStats.unknown()),
                        "add-column-volatile-default",
                        Severity.INFO),
                Arguments.of(subject(v2(null, null, null, List.of(onC))), "constraints-made-safe", Severity.INFO));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rules")
    void fires(LintSubject subject, String rule, Severity severity) {
        List<Finding> findings = Linter.findings(subject);
        Finding found = findings.stream()
                .filter(f -> f.rule().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire: " + findings));
        assertEquals(severity, found.severity());
        assertTrue(found.message().length() > 10 && found.fix().length() > 5, found.toString());
    }

    @Test
    void aHazardBlocksUntilTheRequestAllowsIt() {
        List<Finding> findings =
                Linter.findings(subject(v2(null, "ALWAYS", null, null), REWRITES, 170000, TableStats.unknown()));
        List<SpecProblem> blocking = Linter.blocking(findings, null);
        assertEquals("identity-rewrites", blocking.get(0).code());
        assertTrue(blocking.get(0).detail().contains("allowHazards"));
        assertEquals(List.of(), Linter.blocking(findings, List.of("identity-rewrites")));
    }

    @Test
    void aPlainSafeChangeFindsNothingToWarnAbout() {
        assertTrue(Linter.findings(subject(spec("text", null, null))).stream()
                .allMatch(f -> f.severity() == Severity.INFO));
    }
}
