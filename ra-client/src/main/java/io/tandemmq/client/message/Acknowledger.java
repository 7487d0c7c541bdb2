package io.tandemmq.client.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message; the consumer that
 * delivered the message supplies it.
 */
@FunctionalInterface
public interface Acknowledger {

    /**
     * Acknowledges the messages consumed by the session the message was delivered to.
     *
     * @throws jakarta.jms.IllegalStateException when the session is closed
     * @throws JMSException when the acknowledgement cannot be done
     */
    void acknowledge() throws JMSException;
}
