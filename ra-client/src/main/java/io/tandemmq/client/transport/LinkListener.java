package io.tandemmq.client.transport;

import io.tandemmq.protocol.Frame;

/** Receives what a {@link BrokerLink} cannot answer itself. Called on a Netty event loop: never block. */
public interface LinkListener {

    /** A one-way frame from the broker (a delivery). */
    void onFrame(Frame frame);

    /** The link broke (not after {@link BrokerLink#close()}); every pending request has failed already. */
    void onLinkLost(Exception cause);
}
