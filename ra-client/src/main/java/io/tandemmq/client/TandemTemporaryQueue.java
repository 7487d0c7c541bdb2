package io.tandemmq.client;

import io.tandemmq.protocol.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it. */
public final class TandemTemporaryQueue extends TandemQueue implements TemporaryQueue {
    private static final long serialVersionUID = 1L;
    private final transient TemporaryDestinationOwner owner;

    TandemTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMP_QUEUE;
    }

    /**
     * @throws jakarta.jms.IllegalStateException when called on a copy that did not come from the
     *         creating connection, or while consumers are still open on it
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException(
                    "temporary queue " + getName() + " can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(this);
    }

    boolean isOwnedBy(Object connection) {
        return owner == connection;
    }
}
