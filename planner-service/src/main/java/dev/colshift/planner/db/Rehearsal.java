package dev.colshift.planner.db;

import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.planner.plan.AddColumnOperation;
import dev.colshift.planner.plan.CatalogFacts;
import dev.colshift.planner.plan.ColumnProbe;
import dev.colshift.planner.plan.Estimate;
import dev.colshift.planner.plan.Execution;
import dev.colshift.planner.plan.LockLevel;
import dev.colshift.planner.plan.MigrationPlan;
import dev.colshift.planner.plan.MigrationPlanner;
import dev.colshift.planner.plan.Observation;
import dev.colshift.planner.plan.PlanInput;
import dev.colshift.planner.plan.PlanStep;
import dev.colshift.planner.plan.TableRef;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.schemas.KeyColumn;
import dev.colshift.schemas.KeysetSql;
import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.Phase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Has PostgreSQL itself judge a change before anything touches the target table. On a temporary one-row copy of the
 * table (and of a referenced table), in a session of its own, it
 * <ol>
 *   <li>probes: adds the column as one statement inside a transaction that is rolled back, and reads whether
 *       PostgreSQL rewrote the copy ({@code relfilenode}), scanned it (its scan counter) or stored the default once
 *       ({@code atthasmissing}); and the type as PostgreSQL spells it;
 *   <li>rehearses the plan's own steps, produced by the same planner for the copy, each executed as it will be (in a
 *       transaction, or outside one for a concurrent index build), recording the locks each took.
 * </ol>
 * Only temporary objects of this session are created, and they are discarded at the end. The live table is only
 * read (one row), under a short lock timeout. Every user value reaches SQL quoted or through the planner's gates.
 */
@ApplicationScoped
public class Rehearsal {
    static final String COPY_SCHEMA = "pg_temp";
    static final String COPY = "colshift_rehearsal";
    static final String REFERENCED_COPY = "colshift_rehearsal_ref";
    private static final String QUALIFIED_COPY = COPY_SCHEMA + "." + COPY;
    private static final String SNAPSHOT = """
            SELECT c.relfilenode::bigint AS file, pg_stat_get_xact_numscans(c.oid) AS scans,
              (SELECT a.atthasmissing FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $1
                 AND NOT a.attisdropped) AS missing
            FROM pg_class c WHERE c.oid = to_regclass('pg_temp.colshift_rehearsal')""";
    private static final String LOCKS = """
            SELECT l.mode, l.relation = to_regclass('pg_temp.colshift_rehearsal') AS on_target FROM pg_locks l
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
              AND l.relation IN (to_regclass('pg_temp.colshift_rehearsal'), to_regclass('pg_temp.colshift_rehearsal_ref'))""";
    private static final String INSERTABLE_COLUMNS = """
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute
            WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''""";

    /** The most rows a rehearsal samples: one batch, at most this, so a dry run stays quick. */
    static final int MAX_SAMPLE_ROWS = 10_000;

    private final Pool pool;

    public Rehearsal(Pool pool) {
        this.pool = pool;
    }

    /** The probe's answer: the type as PostgreSQL spells it, and its verdict on the one-statement form. */
    public record Probed(String canonicalType, ColumnProbe probe) {}

    /** Probes the change on a copy; fails with the spec problem when PostgreSQL refuses the type or an expression. */
    public Uni<Probed> probe(CatalogFacts facts, MigrationSpec spec, String migrationId) {
        return inSession(
                facts,
                1,
                conn -> conn.query("BEGIN")
                        .execute()
                        .chain(() -> conn.query("SAVEPOINT type_only").execute())
                        .chain(() -> run(
                                conn,
                                "ALTER TABLE " + QUALIFIED_COPY + " ADD COLUMN " + quote(spec.column()) + " "
                                        + spec.type(),
                                reason -> new SpecProblem.InvalidType("type", spec.type(), reason)))
                        .chain(() -> conn.preparedQuery(
                                        "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute"
                                                + " WHERE attrelid = to_regclass('pg_temp.colshift_rehearsal') AND attname = $1")
                                .execute(Tuple.of(spec.column())))
                        .map(rows -> rows.iterator().next().getString("type"))
                        .call(() ->
                                conn.query("ROLLBACK TO SAVEPOINT type_only").execute())
                        .chain(type -> {
                            PlanInput onCopy =
                                    new PlanInput(migrationId, spec, copyFacts(facts.withCanonicalType(type)));
                            if (onCopy.isSerial() || spec.backfillExpression() != null) {
                                return Uni.createFrom()
                                        .item(new Probed(type, null)); // the backfill path, whatever it says
                            }
                            return snapshot(conn, spec.column())
                                    .chain(before -> candidate(conn, AddColumnOperation.statement(onCopy), spec)
                                            .chain(() -> snapshot(conn, spec.column()))
                                            .map(after -> new Probed(
                                                    type,
                                                    new ColumnProbe(
                                                            before.file() != after.file(),
                                                            after.scans() > before.scans(),
                                                            after.missing()))));
                        })
                        .eventually(() -> conn.query("ROLLBACK").execute()));
    }

    /**
     * Runs the plan's steps on a copy and returns the plan with what PostgreSQL did for each; a step's declared lock
     * is raised to the strongest lock PostgreSQL took. Fails with the spec problem if PostgreSQL refuses a step.
     */
    public Uni<MigrationPlan> rehearse(MigrationPlan plan, MigrationSpec spec, CatalogFacts facts, long tableRows) {
        MigrationPlan onCopy = MigrationPlanner.plan(plan.migrationId(), spec, copyFacts(facts), plan.batchSize());
        if (onCopy.steps().size() != plan.steps().size()) {
            throw new IllegalStateException("the plan for the copy has other steps than the plan for the table");
        }
        int sample = Math.min(plan.batchSize(), MAX_SAMPLE_ROWS);
        return inSession(facts, sample, conn -> {
            List<Observation> seen = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PlanStep step : onCopy.steps()) {
                chain = chain.chain(() -> observe(conn, step, spec, facts, sample))
                        .invoke(seen::add)
                        .replaceWithVoid();
            }
            return chain.map(ignored -> {
                List<PlanStep> steps = new ArrayList<>();
                for (int i = 0; i < plan.steps().size(); i++) {
                    PlanStep step = withObserved(plan.steps().get(i), seen.get(i));
                    steps.add(step.estimated(Estimate.of(step, seen.get(i), tableRows)));
                }
                return plan.withSteps(steps);
            });
        });
    }

    private static PlanStep withObserved(PlanStep step, Observation seen) {
        LockLevel strongest = seen.locks().stream()
                .map(LockLevel::ofMode)
                .max(Comparator.naturalOrder())
                .orElse(LockLevel.NONE);
        PlanStep observed = step.withObservation(seen);
        return strongest.compareTo(step.lock()) > 0 ? observed.withLock(strongest) : observed;
    }

    private Uni<Observation> observe(
            SqlConnection conn, PlanStep step, MigrationSpec spec, CatalogFacts facts, int sampleRows) {
        long[] started = new long[1];
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> started[0] = System.nanoTime())
                .chain(() -> observeUntimed(conn, step, spec, facts))
                .map(seen -> seen.timed((System.nanoTime() - started[0]) / 1_000_000, sampleRows));
    }

    private Uni<Observation> observeUntimed(SqlConnection conn, PlanStep step, MigrationSpec spec, CatalogFacts facts) {
        Function<String, SpecProblem> refused = reason -> "backfillExpression".equals(fieldOf(step))
                ? new SpecProblem.InvalidExpression("backfillExpression", spec.effectiveBackfillExpression(), reason)
                : new SpecProblem.RehearsalFailed(fieldOf(step), step.id(), reason);
        Tuple[] bounds = new Tuple[1];
        Uni<Void> before = (step.id().startsWith("add_foreign_key:")
                        ? copyReferencedRows(conn, spec, facts)
                        : Uni.createFrom().voidItem())
                .chain(() -> step.phase() == Phase.BACKFILLING
                        ? copySpan(conn, facts).invoke(span -> bounds[0] = span).replaceWithVoid()
                        : Uni.createFrom().voidItem());
        if (step.execution() == Execution.OUTSIDE_TRANSACTION) {
            return before.chain(() -> runAll(conn, step, refused, bounds))
                    .replaceWith(new Observation(
                            List.of(),
                            false,
                            true,
                            false,
                            "runs outside a transaction (PostgreSQL documents SHARE UPDATE EXCLUSIVE for a concurrent"
                                    + " build); rehearsed on the copy, where PostgreSQL builds it non-concurrently",
                            0,
                            0));
        }
        return before.chain(() -> conn.query("BEGIN").execute())
                .chain(() -> snapshot(conn, spec.column()))
                .chain(start -> runAll(conn, step, refused, bounds)
                        .chain(() -> snapshot(conn, spec.column()))
                        .chain(end -> conn.preparedQuery(LOCKS).execute().map(rows -> {
                            List<String> locks = new ArrayList<>();
                            for (Row row : rows) {
                                locks.add(row.getString("mode")
                                        + (Boolean.TRUE.equals(row.getBoolean("on_target"))
                                                ? ""
                                                : " (referenced table)"));
                            }
                            locks.sort(Comparator.<String, LockLevel>comparing(
                                            mode -> LockLevel.ofMode(mode.split(" ")[0]))
                                    .thenComparing(Comparator.naturalOrder()));
                            return new Observation(
                                    locks,
                                    start.file() != end.file(),
                                    end.scans() > start.scans(),
                                    end.missing(),
                                    null,
                                    0,
                                    0);
                        })))
                .call(() -> conn.query("COMMIT").execute())
                .onFailure()
                .call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull());
    }

    private static Uni<Void> runAll(
            SqlConnection conn, PlanStep step, Function<String, SpecProblem> refused, Tuple[] backfillBounds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : step.statements()) {
            chain = chain.chain(() -> {
                Uni<?> ran = step.phase() == Phase.BACKFILLING
                        ? backfillCopy(conn, statement, backfillBounds[0])
                        : step.execution() == Execution.OUTSIDE_TRANSACTION
                                ? conn.query(statement).execute()
                                : conn.preparedQuery(statement).execute();
                return refusedAs(ran.replaceWithVoid(), refused);
            });
        }
        return chain;
    }

    /**
     * The copy's first and last key, as the bounds of a range UPDATE that reaches every row (the last-range statement
     * includes the last key); null for an empty copy. Read before the step's transaction, so its locks are not the
     * step's.
     */
    private static Uni<Tuple> copySpan(SqlConnection conn, CatalogFacts facts) {
        KeysetSql keyset = new KeysetSql(quote(COPY_SCHEMA) + "." + quote(COPY), facts.key());
        return conn.query(keyset.firstKey())
                .execute()
                .chain(first -> conn.query(keyset.lastKey()).execute().map(last -> {
                    if (first.size() == 0) {
                        return null;
                    }
                    Tuple bounds = Tuple.tuple();
                    for (String value : first.iterator().next().getArrayOfStrings("key")) {
                        bounds.addString(value);
                    }
                    for (String value : last.iterator().next().getArrayOfStrings("key")) {
                        bounds.addString(value);
                    }
                    return bounds;
                }));
    }

    /** Runs a range UPDATE over the copy's span; on an empty copy PostgreSQL only parses and plans it. */
    private static Uni<Void> backfillCopy(SqlConnection conn, String statement, Tuple bounds) {
        if (bounds == null) {
            return conn.prepare(statement).chain(prepared -> prepared.close());
        }
        return conn.preparedQuery(statement).execute(bounds).replaceWithVoid();
    }

    /** The referenced rows the copy's new values point at, so validating the foreign key on the copies means something. */
    private Uni<Void> copyReferencedRows(SqlConnection conn, MigrationSpec spec, CatalogFacts facts) {
        TableRef ref = facts.referenced();
        return insertableColumns(conn, ref.quotedTable())
                .chain(columns -> conn.query("INSERT INTO " + COPY_SCHEMA + "." + REFERENCED_COPY + " (" + columns
                                + ") OVERRIDING SYSTEM VALUE SELECT " + columns + " FROM " + ref.quotedTable()
                                + " WHERE " + ref.quotedColumn() + " IN (SELECT " + quote(spec.column()) + " FROM "
                                + QUALIFIED_COPY + ")")
                        .execute())
                .replaceWithVoid();
    }

    /** A session with the copies in place; they are discarded afterwards, whatever happened. */
    private <T> Uni<T> inSession(CatalogFacts facts, int sampleRows, Function<SqlConnection, Uni<T>> work) {
        String table = quote(facts.schema()) + "." + quote(facts.table());
        return pool.withConnection(conn -> conn.query("DISCARD TEMP")
                .execute()
                .chain(() -> conn.query("SET statement_timeout = '5s'").execute())
                .chain(() -> conn.query("SET lock_timeout = '1s'").execute())
                .chain(() -> copyOf(conn, table, COPY, sampleRows, facts.key()))
                .chain(() -> facts.referenced() == null
                        ? Uni.createFrom().voidItem()
                        : copyOf(conn, facts.referenced().quotedTable(), REFERENCED_COPY, 0, List.of()))
                .chain(() -> work.apply(conn))
                .eventually(() -> conn.query("DISCARD TEMP")
                        .execute()
                        .chain(() -> conn.query("RESET statement_timeout").execute())
                        .chain(() -> conn.query("RESET lock_timeout").execute())
                        .onFailure()
                        .recoverWithNull()));
    }

    /** A temporary copy of the table with its first rows (by key, when it has one): the sample steps run on. */
    private static Uni<Void> copyOf(SqlConnection conn, String table, String copy, int rows, List<KeyColumn> key) {
        Uni<Void> created = conn.query("CREATE TEMP TABLE " + copy + " (LIKE " + table + " INCLUDING ALL)")
                .execute()
                .replaceWithVoid();
        if (rows == 0) {
            return created;
        }
        String order = key.isEmpty()
                ? ""
                : " ORDER BY "
                        + String.join(
                                ", ", key.stream().map(c -> quote(c.name())).toList());
        return created.chain(() -> insertableColumns(conn, table))
                .chain(columns -> conn.query("INSERT INTO " + COPY_SCHEMA + "." + copy + " (" + columns
                                + ") OVERRIDING SYSTEM VALUE SELECT " + columns + " FROM " + table + order + " LIMIT "
                                + rows)
                        .execute())
                .replaceWithVoid();
    }

    private static Uni<String> insertableColumns(SqlConnection conn, String table) {
        return conn.preparedQuery(INSERTABLE_COLUMNS)
                .execute(Tuple.of(table))
                .map(rows -> rows.iterator().next().getString("columns"));
    }

    private record Snapshot(long file, long scans, boolean missing) {}

    private static Uni<Snapshot> snapshot(SqlConnection conn, String column) {
        return conn.preparedQuery(SNAPSHOT).execute(Tuple.of(column)).map(rows -> {
            Row row = rows.iterator().next();
            return new Snapshot(
                    row.getLong("file"), row.getLong("scans"), Boolean.TRUE.equals(row.getBoolean("missing")));
        });
    }

    /** The facts of the copy: same key, type and verdict; helper objects and the referenced table in pg_temp too. */
    static CatalogFacts copyFacts(CatalogFacts facts) {
        TableRef referenced = facts.referenced() == null
                ? null
                : new TableRef(COPY_SCHEMA, REFERENCED_COPY, facts.referenced().column());
        return new CatalogFacts(
                COPY_SCHEMA,
                COPY,
                facts.key(),
                facts.canonicalType(),
                facts.serverVersionNum(),
                facts.probe(),
                referenced,
                COPY_SCHEMA);
    }

    /** The one-statement form; PostgreSQL's refusal says which part of the spec is at fault. */
    private static Uni<Void> candidate(SqlConnection conn, String statement, MigrationSpec spec) {
        return conn.preparedQuery(statement)
                .execute()
                .replaceWithVoid()
                .onFailure(PgException.class)
                .transform(e -> new SpecRejectedException(problem(spec, e)));
    }

    private static SpecProblem problem(MigrationSpec spec, Throwable failure) {
        PgException e = (PgException) failure;
        String reason = e.getErrorMessage();
        if ("23502".equals(e.getSqlState())) {
            return new SpecProblem.NotNullWithoutValue("nullable");
        }
        if (spec.generated() != null) {
            return new SpecProblem.InvalidExpression(
                    "generated", spec.generated().expression(), reason);
        }
        if (spec.defaultExpression() != null) {
            return new SpecProblem.InvalidExpression("defaultExpression", spec.defaultExpression(), reason);
        }
        return new SpecProblem.RehearsalFailed("type", "add_column", reason);
    }

    private static String fieldOf(PlanStep step) {
        String action = step.id().substring(0, step.id().indexOf(':'));
        if (action.contains("check")) {
            return "checks";
        } else if (action.contains("foreign_key")) {
            return "references";
        } else if (action.startsWith("build_index")) {
            return "indexes";
        } else if (action.contains("unique") || action.contains("primary_key")) {
            return action.contains("primary") ? "primaryKey" : "unique";
        } else if (action.equals("comment")) {
            return "comment";
        }
        return "backfillExpression";
    }

    private static Uni<Void> run(SqlConnection conn, String sql, Function<String, SpecProblem> problemOnError) {
        return refusedAs(conn.preparedQuery(sql).execute().replaceWithVoid(), problemOnError);
    }

    private static Uni<Void> refusedAs(Uni<Void> statement, Function<String, SpecProblem> problemOnError) {
        return statement
                .onFailure(PgException.class)
                .transform(e -> new SpecRejectedException(problemOnError.apply(message(e))));
    }

    private static String message(Throwable failure) {
        return ((PgException) failure).getErrorMessage();
    }
}
