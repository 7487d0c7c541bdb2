package io.tandemmq.broker.core;

import io.tandemmq.protocol.Frame;

/** The network side of one client connection, as the core sees it. Safe to call from any thread. */
public interface ClientLink {

    void send(Frame frame);

    /** Remote address, for logs. */
    String remoteAddress();
}
