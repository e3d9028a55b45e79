package dev.colshift.planner.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a bearer token belongs to: the shared operator token, and the named callers configured as {@code name=token}.
 * Every configured token is compared, in constant time, so the answer's timing says nothing about which one matched.
 */
public final class ApiPrincipals {
    /** The name the shared {@code colshift.planner.api-token} authenticates as. */
    public static final String OPERATOR = "operator";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private record Caller(String name, byte[] header) {}

    private final List<Caller> callers;

    private ApiPrincipals(List<Caller> callers) {
        this.callers = List.copyOf(callers);
    }

    /**
     * @param operatorToken the shared token
     * @param named         {@code name=token} entries (the first {@code =} separates them)
     * @throws IllegalArgumentException naming the entry (never its token) when one is malformed, a name is taken twice
     *                                  or two callers share a token
     */
    public static ApiPrincipals of(String operatorToken, List<String> named) {
        List<Caller> callers = new ArrayList<>();
        callers.add(caller(OPERATOR, operatorToken));
        Set<String> names = new HashSet<>(Set.of(OPERATOR));
        Set<String> tokens = new HashSet<>(Set.of(operatorToken));
        for (int i = 0; i < named.size(); i++) {
            String entry = named.get(i).strip();
            int split = entry.indexOf('=');
            String name = split < 0 ? entry : entry.substring(0, split).strip();
            String token = split < 0 ? "" : entry.substring(split + 1).strip();
            String where = "colshift.planner.api-principals entry " + (i + 1);
            if (split < 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        where + ": expected name=token with a name of letters, digits and . _ @ - (at most 64)");
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException(where + " (" + name + "): no token after '='");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": the name " + name + " is taken");
            }
            if (!tokens.add(token)) {
                throw new IllegalArgumentException(where + " (" + name + "): another caller has the same token");
            }
            callers.add(caller(name, token));
        }
        return new ApiPrincipals(callers);
    }

    private static Caller caller(String name, String token) {
        return new Caller(name, ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    /** The caller an {@code Authorization} header authenticates, or empty when it names none. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        byte[] presented = authorization.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Caller caller : callers) {
            if (MessageDigest.isEqual(caller.header(), presented) && found == null) {
                found = caller.name();
            }
        }
        return Optional.ofNullable(found);
    }
}
