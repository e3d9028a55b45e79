package dev.colshift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one mapping from a planner's HTTP answer to an exit code and a line. */
class PlannerAnswerTest {
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            400 | application/problem+json | {"type":"https://colshift.dev/problems/invalid-type","detail":"'integr' is not a type"} | 2 | https://colshift.dev/problems/invalid-type: 'integr' is not a type
            400 | application/problem+json | {"type":"https://colshift.dev/problems/unknown-field","detail":"'a'","problems":[{},{},{}]} | 2 | https://colshift.dev/problems/unknown-field: 'a' (and 2 more problems)
            409 | application/problem+json | {"type":"https://colshift.dev/problems/conflict","detail":"already COMPLETED"} | 2 | https://colshift.dev/problems/conflict: already COMPLETED
            404 | application/problem+json | {"type":"https://colshift.dev/problems/not-found","detail":"no migration with id 'm1'"} | 2 | https://colshift.dev/problems/not-found: no migration with id 'm1'
            404 | text/html;charset=utf-8  | <html><body><h1>Resource not found</h1></body></html> | 4 | this planner does not support pause yet (HTTP 404 on POST /migrations/m1/pause)
            405 | ~~                       | ~~ | 4 | this planner does not support pause yet (HTTP 405 on POST /migrations/m1/pause)
            401 | application/problem+json | {"type":"https://colshift.dev/problems/unauthorized"} | 3 | the planner refused the API token (HTTP 401 on POST /migrations/m1/pause): set COLSHIFT_API_TOKEN or pass --token
            503 | text/plain               | down | 3 | the planner failed (HTTP 503 on POST /migrations/m1/pause): down
            """)
    void eachRefusalIsOneLineAndItsExitCode(int status, String contentType, String body, int exit, String line) {
        PlannerAnswer answer = new PlannerAnswer(status, contentType, body, "POST /migrations/m1/pause");
        CliFailure failure = assertThrows(CliFailure.class, () -> answer.orFail("pause"));
        assertEquals(exit, failure.exitCode());
        assertEquals(line, failure.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"200", "202", "204"})
    void successIsTheAnswerItself(int status) {
        PlannerAnswer answer = new PlannerAnswer(status, "application/json", "{}", "GET /migrations/m1");
        assertSame(answer, answer.orFail("status"));
    }

    @Test
    void aFailureIsOneLine() {
        assertEquals("line one line two", new CliFailure(2, "line one\n  line two\r\n").getMessage());
    }
}
