package io.tandemmq.client.transport;

import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.Welcome;
import io.tandemmq.protocol.WirePayload;

import java.util.concurrent.CompletableFuture;

/**
 * The connection to one server, as failover and the replay use it. {@link BrokerLink} is the
 * real one; failover's unit tests give their own.
 */
public interface ServerLink {

    /** True from the handshake until the link is closed or lost. */
    boolean isOpen();

    /** The server that took the handshake. */
    ServerAddress server();

    /** The server's answer to the handshake. */
    Welcome welcome();

    /**
     * Sends a request; the future completes with the answer, or exceptionally with a
     * {@link ProtocolException}: the broker's refusal, CONNECTION_LOST when the link broke before
     * the answer came, GENERAL when it was closed or no answer came within the request timeout.
     */
    CompletableFuture<Frame> request(FrameType type, byte[] payload);

    /**
     * Sends a request and waits for its answer (at most the request timeout).
     *
     * @throws ProtocolException as {@link #request} completes
     */
    Frame call(FrameType type, WirePayload payload) throws ProtocolException;

    /** Sends a one-way frame; lost silently when the link is down (its loss is reported anyway). */
    void sendOneWay(FrameType type, WirePayload payload);

    /**
     * Tells the server the connection ends and waits for its answer; the server closing the link
     * after that is no loss. Call {@link #close()} next.
     *
     * @throws ProtocolException when the server did not confirm (the link is closed anyway by {@link #close()})
     */
    void goodbye() throws ProtocolException;

    /** Closes without telling the server more; pending requests fail with GENERAL. Idempotent. */
    void close();
}
