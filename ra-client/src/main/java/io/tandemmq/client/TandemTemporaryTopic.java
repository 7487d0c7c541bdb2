package io.tandemmq.client;

import io.tandemmq.protocol.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic that lives as long as the connection that created it. */
public final class TandemTemporaryTopic extends TandemTopic implements TemporaryTopic {
    private static final long serialVersionUID = 1L;
    private final transient TemporaryDestinationOwner owner;

    TandemTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMP_TOPIC;
    }

    /**
     * @throws jakarta.jms.IllegalStateException when called on a copy that did not come from the
     *         creating connection, or while consumers are still open on it
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException(
                    "temporary topic " + getName() + " can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(this);
    }

    boolean isOwnedBy(Object connection) {
        return owner == connection;
    }
}
