package io.tandemmq.client.transport;

import io.tandemmq.protocol.ProtocolException;

/** Opens a link to the first server of the options' list that takes the handshake. */
@FunctionalInterface
public interface LinkOpener {

    /** Real TCP links ({@link BrokerLink#open}). */
    LinkOpener TCP = BrokerLink::open;

    /**
     * @throws ProtocolException with the broker's code when it refused the handshake (for example
     *         SECURITY or INVALID_CLIENT_ID), or GENERAL when no server could be reached
     */
    ServerLink open(ClientOptions options, String user, String password, String clientId, LinkListener listener)
            throws ProtocolException;
}
