package dev.colshift.planner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiPrincipalsTest {
    private final ApiPrincipals principals =
            ApiPrincipals.of("shared", List.of("alice=a-token", " bob = b=token== ", "ci.deploy@prod=c"));

    @Test
    void eachTokenAuthenticatesItsCaller() {
        assertEquals(Optional.of(ApiPrincipals.OPERATOR), principals.authenticate("Bearer shared"));
        assertEquals(Optional.of("alice"), principals.authenticate("Bearer a-token"));
        assertEquals(Optional.of("bob"), principals.authenticate("Bearer b=token=="), "a token may hold '='");
        assertEquals(Optional.of("ci.deploy@prod"), principals.authenticate("Bearer c"));
    }

    @Test
    void anythingElseAuthenticatesNobody() {
        assertFalse(principals.authenticate(null).isPresent());
        assertFalse(principals.authenticate("Bearer ").isPresent());
        assertFalse(principals.authenticate("Bearer a-token ").isPresent());
        assertFalse(principals.authenticate("bearer a-token").isPresent());
        assertFalse(principals.authenticate("Basic YWxpY2U6YS10b2tlbg==").isPresent());
    }

    @Test
    void malformedEntriesAreRefusedWithoutShowingTheirToken() {
        assertRefused(List.of("alice"), "entry 1: expected name=token");
        assertRefused(List.of("alice="), "entry 1 (alice): no token");
        assertRefused(List.of("al ice=secret-1"), "entry 1: expected name=token");
        assertRefused(List.of("alice=secret-1", "alice=secret-2"), "entry 2: the name alice is taken");
        assertRefused(List.of("operator=secret-1"), "entry 1: the name operator is taken");
        assertRefused(List.of("alice=secret-1", "bob=secret-1"), "entry 2 (bob): another caller has the same token");
        assertRefused(List.of("alice=shared"), "entry 1 (alice): another caller has the same token");
    }

    private static void assertRefused(List<String> entries, String expected) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ApiPrincipals.of("shared", entries));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the message shows no token: " + e.getMessage());
    }
}
