package io.tandemmq.client.offline;

/**
 * Something the forwarding of locally stored messages did. {@code messages} is how many waited when
 * forwarding started, or how many were forwarded when it finished or failed; {@code cause} says why
 * it failed (null otherwise).
 */
public record OfflineEvent(Type type, int messages, Exception cause) {

    /** The kinds of event. */
    public enum Type {
        /** A server is reachable and messages wait: forwarding them, oldest first, begins. */
        FORWARDING_STARTED,
        /** Every waiting message is on the server and removed locally. */
        FORWARDING_FINISHED,
        /** Forwarding stopped (connection lost, or the server refused a message); it is tried again later. */
        FORWARDING_FAILED
    }
}
