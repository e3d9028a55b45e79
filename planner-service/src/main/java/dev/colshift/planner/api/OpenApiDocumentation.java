package dev.colshift.planner.api;

import dev.colshift.planner.spec.SpecProblem;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the planner's generated OpenAPI document ({@code /q/openapi}): request examples for both doors of
 * {@code POST /migrations} (a JSON spec and the SQL you would have run), and on every operation the problem+json
 * answers it can give, with every stable problem type named. The types of refused specs come from {@link SpecProblem}
 * itself, so a new kind of refusal is documented the day it exists.
 */
public class OpenApiDocumentation implements OASFilter {
    static final String SPEC_EXAMPLE = """
            {"table": "public.users", "column": "last_login", "type": "timestamptz", "defaultExpression": "now()",
             "nullable": false}""";
    static final String SQL_EXAMPLE =
            "ALTER TABLE users ADD COLUMN last_login TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL;";
    private static final Set<String> CONTROL_ROUTES = Set.of("pause", "resume", "cancel", "rollback", "redrive");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getInfo() == null) {
            openAPI.setInfo(OASFactory.createInfo());
        }
        openAPI.getInfo()
                .title("colshift planner")
                .description("Adds a column to a live PostgreSQL table with zero downtime. Refusals are RFC 9457"
                        + " problem+json documents whose `type` is one of the stable URLs listed on each response;"
                        + " mutating requests need `Authorization: Bearer <colshift.planner.api-token>`.");
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().forEach((method, operation) -> document(path, method, operation));
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (method != PathItem.HttpMethod.GET) {
            responses.addAPIResponse(
                    "401",
                    problems("the bearer token is missing or wrong", problem(401, "unauthorized", "Unauthorized")));
        }
        if (path.contains("{id}")) {
            responses.addAPIResponse(
                    "404", problems("no migration has this id", problem(404, "not-found", "Migration not found")));
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (method == PathItem.HttpMethod.POST && CONTROL_ROUTES.contains(last)) {
            responses.addAPIResponse(
                    "409",
                    problems(
                            "the request does not fit the migration's phase (the detail says why)",
                            problem(409, "conflict", "Not possible in this phase"),
                            problem(
                                    409,
                                    ControlResource.ROLLBACK_COMPLETED,
                                    "Hazard not allowed: " + ControlResource.ROLLBACK_COMPLETED)));
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/migrations")) {
            requestExamples(operation);
            responses.addAPIResponse(
                    "400",
                    problems(
                            "the change was refused and nothing was changed; `field` names the part at fault",
                            specProblems()));
        }
    }

    private static void requestExamples(Operation operation) {
        RequestBody body = operation.getRequestBody();
        if (body == null) {
            body = OASFactory.createRequestBody();
            operation.setRequestBody(body);
        }
        if (body.getContent() == null) {
            body.setContent(OASFactory.createContent());
        }
        Content content = body.getContent();
        mediaType(content, "application/json")
                .addExample(
                        "spec",
                        OASFactory.createExample().summary("a JSON spec").value(SPEC_EXAMPLE));
        mediaType(content, "application/sql")
                .addExample(
                        "sql",
                        OASFactory.createExample()
                                .summary("the ALTER TABLE you would have run")
                                .value(SQL_EXAMPLE));
    }

    private static MediaType mediaType(Content content, String name) {
        MediaType type = content.getMediaType(name);
        if (type == null) {
            type = OASFactory.createMediaType();
            content.addMediaType(name, type);
        }
        return type;
    }

    private static APIResponse problems(String description, Example... examples) {
        Map<String, Example> byType = new LinkedHashMap<>();
        for (Example example : examples) {
            byType.put(example.getSummary(), example);
        }
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                Problems.MEDIA_TYPE,
                                OASFactory.createMediaType().examples(byType)));
    }

    private static Example problem(int status, String code, String title) {
        Problems.Problem problem = Problems.simple(status, code, title, "…");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", problem.type());
        value.put("title", problem.title());
        value.put("status", problem.status());
        value.put("detail", problem.detail());
        return OASFactory.createExample().summary(code).description(title).value(value);
    }

    /** One example per kind of refused spec, as {@link Problems} turns it into problem+json. */
    static Example[] specProblems() {
        List<Example> examples = Arrays.stream(SpecProblem.class.getPermittedSubclasses())
                .map(OpenApiDocumentation::specProblem)
                .toList();
        return examples.toArray(Example[]::new);
    }

    private static Example specProblem(Class<?> kind) {
        if (kind == SpecProblem.LintFinding.class) {
            return problem(
                    400,
                    "{lint-rule}",
                    "A lint finding that blocks the change; the type ends with the rule's name"
                            + " (README, Lint rules), and ?allowHazards=<rule> accepts a hazard");
        }
        SpecProblem sample = sample(kind);
        Example example = problem(400, sample.code(), sample.title());
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) example.getValue();
        value.put("field", sample.field());
        return example;
    }

    /** An instance to read the code and title from (they do not depend on the values). */
    private static SpecProblem sample(Class<?> kind) {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values =
                Arrays.stream(types).map(OpenApiDocumentation::placeholder).toArray();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals("field")) {
                values[i] = "…";
            }
        }
        try {
            Constructor<?> canonical = kind.getDeclaredConstructor(types);
            return (SpecProblem) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot document " + kind, e);
        }
    }

    private static Object placeholder(Class<?> type) {
        if (type == String.class) {
            return "…";
        }
        if (type == int.class || type == long.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }
}
