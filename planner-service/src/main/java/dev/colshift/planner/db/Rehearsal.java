package dev.colshift.planner.db;

import static dev.colshift.planner.spec.Identifiers.qualified;
import static dev.colshift.planner.spec.Identifiers.quote;

import dev.colshift.planner.plan.FillTrigger;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import dev.colshift.schemas.MigrationSpec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Has PostgreSQL itself validate the type and expressions: on a temporary one-row copy of the table, inside a
 * transaction that is always rolled back, it adds the column, sets the default, runs the backfill UPDATE and fires
 * the fill trigger. Each statement goes through the extended protocol, which runs exactly one statement. Returns the
 * type as PostgreSQL spells it.
 */
@ApplicationScoped
public class Rehearsal {
    private static final String COPY = "pg_temp.colshift_rehearsal";

    private final Pool pool;

    public Rehearsal(Pool pool) {
        this.pool = pool;
    }

    public Uni<String> canonicalType(TargetTable target, MigrationSpec spec) {
        return pool.withConnection(conn -> conn.begin()
                .chain(tx -> rehearse(conn, target, spec)
                        .onTermination()
                        .call(() -> tx.rollback().onFailure().recoverWithNull())));
    }

    private Uni<String> rehearse(SqlConnection conn, TargetTable target, MigrationSpec spec) {
        String column = quote(spec.column());
        String alias = quote(target.table());
        Uni<Void> steps = run(conn, "SELECT set_config('statement_timeout', '5s', true)", null)
                .chain(() -> run(
                        conn,
                        "CREATE TEMP TABLE colshift_rehearsal AS SELECT * FROM "
                                + qualified(target.schema(), target.table()) + " LIMIT 1",
                        null))
                .chain(() -> run(
                        conn,
                        "ALTER TABLE " + COPY + " ADD COLUMN " + column + " " + spec.type(),
                        reason -> new SpecProblem.InvalidType("type", spec.type(), reason)));
        if (spec.defaultExpression() != null) {
            steps = steps.chain(() -> run(
                    conn,
                    "ALTER TABLE " + COPY + " ALTER COLUMN " + column + " SET DEFAULT (" + spec.defaultExpression()
                            + ")",
                    reason ->
                            new SpecProblem.InvalidExpression("defaultExpression", spec.defaultExpression(), reason)));
        }
        if (spec.backfillExpression() != null) {
            String expression = spec.backfillExpression();
            Function<String, SpecProblem> problem =
                    reason -> new SpecProblem.InvalidExpression("backfillExpression", expression, reason);
            steps = steps.chain(() -> run(
                            conn,
                            "UPDATE " + COPY + " AS " + alias + " SET " + column + " = (" + expression + ")",
                            problem))
                    .chain(() -> run(
                            conn,
                            FillTrigger.createFunction(
                                    "pg_temp.colshift_rehearsal_fill", spec.column(), expression, target.table()),
                            problem))
                    .chain(() -> run(
                            conn,
                            FillTrigger.createTrigger(
                                    "colshift_rehearsal_fill", COPY, "pg_temp.colshift_rehearsal_fill"),
                            problem))
                    .chain(() -> run(
                            conn,
                            "INSERT INTO " + COPY + " SELECT WHERE NOT EXISTS (SELECT FROM " + COPY + ")",
                            problem))
                    .chain(() -> run(conn, "UPDATE " + COPY + " SET " + column + " = NULL", problem));
        }
        return steps.chain(() -> conn.preparedQuery("""
                SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
                WHERE attrelid = 'pg_temp.colshift_rehearsal'::regclass AND attname = $1""").execute(Tuple.of(spec.column())))
                .map(rows -> rows.iterator().next().getString("type"));
    }

    private static Uni<Void> run(SqlConnection conn, String sql, Function<String, SpecProblem> problemOnError) {
        Uni<Void> result = conn.preparedQuery(sql).execute().replaceWithVoid();
        if (problemOnError == null) {
            return result;
        }
        return result.onFailure(PgException.class)
                .transform(e -> new SpecRejectedException(problemOnError.apply(((PgException) e).getErrorMessage())));
    }
}
