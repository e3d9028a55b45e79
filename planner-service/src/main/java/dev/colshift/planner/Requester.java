package dev.colshift.planner;

/**
 * Who asked for a change and how the answer finds its way back.
 *
 * @param name          the authenticated caller, or the requesting system (recorded as requested_by and audited)
 * @param requestId     the request event's id, so a redelivered request changes nothing; null for REST
 * @param correlationId carried by the phase events answering a request; null for REST
 */
public record Requester(String name, String requestId, String correlationId) {
    public static Requester rest(String name) {
        return new Requester(name, null, null);
    }
}
