package dev.colshift.verifier.api;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.verifier.MigrationUnderCheck;
import dev.colshift.verifier.Verifier;
import dev.colshift.verifier.db.ShortTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Verification on demand. {@code POST /verifications/{id}} runs every check again on a migration in the ledger (drift
 * detection; audited, no phase announced). {@code POST /verifications} checks a column added by hand with the checks
 * that need no ledger. Both answer 200 with the report, whether it passed or not.
 */
@Path("/verifications")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {
    private final Verifier verifier;
    private final ShortTransactions transactions;

    public VerificationResource(Verifier verifier, ShortTransactions transactions) {
        this.verifier = verifier;
        this.transactions = transactions;
    }

    @POST
    @Path("/{migrationId}")
    public Uni<Response> reverify(@PathParam("migrationId") String migrationId) {
        return verifier.reverify(migrationId)
                .map(verdict -> verdict == null
                        ? problem(404, "not-found", "no migration " + migrationId + " in the ledger")
                        : Response.ok(VerificationReport.of(verdict)).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> verifyColumn(ColumnRequest request) {
        String missing = missingField(request);
        if (missing != null) {
            return Uni.createFrom().item(problem(400, "invalid-request", missing + " is required"));
        }
        return transactions
                .readOnly(db -> db.preparedQuery("""
                        SELECT n.nspname::text AS schema, c.relname::text AS name FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p')""").execute(Tuple.of(request.table())))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(problem(400, "table-not-found", "no table " + request.table()));
                    }
                    var row = rows.iterator().next();
                    MigrationSpec spec = new MigrationSpec(
                            request.table(),
                            request.column(),
                            request.type(),
                            request.defaultExpression(),
                            request.nullable(),
                            null,
                            null,
                            request.collation(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null);
                    return verifier.verifyColumn(MigrationUnderCheck.adHoc(
                                    spec, row.getString("schema"), row.getString("name"), null))
                            .map(verdict ->
                                    Response.ok(VerificationReport.of(verdict)).build());
                })
                .onFailure(PgException.class)
                .recoverWithItem(e -> problem(400, "invalid-request", e.getMessage()));
    }

    private static String missingField(ColumnRequest request) {
        if (request == null) {
            return "a body";
        }
        if (request.table() == null || request.table().isBlank()) {
            return "table";
        }
        if (request.column() == null || request.column().isBlank()) {
            return "column";
        }
        if (request.type() == null || request.type().isBlank()) {
            return "type";
        }
        return null;
    }

    private static Response problem(int status, String code, String detail) {
        return Response.status(status)
                .type("application/problem+json")
                .entity(Map.of("type", "urn:colshift:problem:" + code, "status", status, "detail", detail))
                .build();
    }
}
