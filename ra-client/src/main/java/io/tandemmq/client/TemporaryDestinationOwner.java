package io.tandemmq.client;

import jakarta.jms.JMSException;

/** The connection that created a temporary destination and alone may delete it. */
interface TemporaryDestinationOwner {

    /**
     * Deletes the destination on the broker.
     *
     * @throws jakarta.jms.IllegalStateException when it still has consumers or the connection is closed
     */
    void deleteTemporary(TandemDestination destination) throws JMSException;
}
