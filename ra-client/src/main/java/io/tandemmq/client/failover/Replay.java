package io.tandemmq.client.failover;

import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.ProtocolException;

/** What the connection above a {@link FailoverLink} does at each step of a failover. */
public interface Replay {

    /** A one-way frame (a delivery) from the current server. */
    void onFrame(Frame frame);

    /** The link was lost: drop what belonged to the old server (buffered deliveries, delivery ids). */
    void onDisconnected();

    /**
     * Re-creates the connection's state on a fresh link before anyone else may use it:
     * temporary destinations, sessions, consumers.
     *
     * @throws ProtocolException when the new server refuses; failover tries again
     */
    void onReconnected(ServerLink fresh) throws ProtocolException;

    /** Failover gave up: the connection is broken for good. */
    void onGaveUp(Exception cause);
}
