package io.tandemmq.client.failover;

/**
 * Something failover did. {@code server} is the server lost or reached; {@code attempt} counts
 * reconnection attempts; {@code cause} says why a connection was lost or failover gave up.
 */
public record FailoverEvent(Type type, String server, int attempt, Exception cause) {

    /** The kinds of event, in the order they happen. */
    public enum Type {
        /** The connection to the server was lost; calls wait from now on. */
        DISCONNECTED,
        /** A reconnection attempt starts. */
        RECONNECTING,
        /** Connected again and the session state re-created; calls go on. */
        RECONNECTED,
        /** Failover gave up; the connection is broken and its exception listener told. */
        FAILED
    }
}
