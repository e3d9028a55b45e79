package dev.colshift.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colshift.planner.spec.SpecProblem;
import dev.colshift.planner.spec.SpecRejectedException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one mapping from refusals to RFC 9457 problem+json responses. */
public class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://colshift.dev/problems/";

    /** A problem+json body; {@code field} names the spec field at fault, when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, String field, List<Problem> problems) {}

    @ServerExceptionMapper
    public Response rejected(SpecRejectedException e) {
        List<Problem> all = e.problems().stream().map(p -> toProblem(p, null)).toList();
        return respond(toProblem(e.problems().get(0), all.size() > 1 ? all : null));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    public static Problem simple(int status, String code, String title, String detail) {
        return new Problem(TYPE_BASE + code, title, status, detail, null, null);
    }

    /** 404 for a migration id the ledger does not have. */
    public static Response migrationNotFound(String id) {
        return respond(simple(404, "not-found", "Migration not found", "no migration with id '" + id + "'"));
    }

    private static Problem toProblem(SpecProblem p, List<Problem> all) {
        return new Problem(TYPE_BASE + p.code(), p.title(), 400, p.detail(), p.field(), all);
    }
}
