package io.tandemmq.client;

import io.tandemmq.protocol.DestinationKind;
import jakarta.jms.Queue;

/** A queue by name; created on the broker the first time it is used. */
public class TandemQueue extends TandemDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public TandemQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }
}
