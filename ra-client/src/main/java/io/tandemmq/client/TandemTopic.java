package io.tandemmq.client;

import io.tandemmq.protocol.DestinationKind;
import jakarta.jms.Topic;

/** A topic by name; created on the broker the first time it is used. */
public class TandemTopic extends TandemDestination implements Topic {
    private static final long serialVersionUID = 1L;

    public TandemTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }
}
