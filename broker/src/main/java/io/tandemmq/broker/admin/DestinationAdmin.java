package io.tandemmq.broker.admin;

import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.core.BrokerException;
import io.tandemmq.broker.core.MessageQueue;
import io.tandemmq.broker.core.Subscription;
import io.tandemmq.broker.core.Topic;
import io.tandemmq.protocol.DestinationInfo;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/** Administrative commands on destinations: create, delete, list. Runs on the core thread. */
public final class DestinationAdmin {
    private final Broker broker;

    public DestinationAdmin(Broker broker) {
        this.broker = broker;
    }

    /** @throws BrokerException INVALID_DESTINATION for a bad name or a temporary kind */
    public void create(DestinationRef dest) {
        switch (dest.kind()) {
            case QUEUE -> broker.destinations().queue(dest.name());
            case TOPIC -> broker.destinations().topic(dest.name());
            default -> throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary destinations cannot be created by an administrator");
        }
    }

    /**
     * Deletes a queue with its messages, or a topic without subscriptions.
     *
     * @throws BrokerException INVALID_DESTINATION when it does not exist, ILLEGAL_STATE while in use
     */
    public java.util.concurrent.CompletableFuture<Void> delete(DestinationRef dest) {
        return broker.deleteDestination(dest);
    }

    public List<DestinationInfo> list() {
        List<DestinationInfo> list = new ArrayList<>();
        for (MessageQueue q : broker.destinations().queues()) {
            list.add(new DestinationInfo(DestinationRef.queue(q.name()), q.size() + q.inDelivery(), q.consumers().size()));
        }
        for (Topic t : broker.destinations().topics()) {
            long waiting = 0;
            for (Subscription s : t.subscriptions()) {
                waiting += s.queue().size() + s.queue().inDelivery();
            }
            list.add(new DestinationInfo(new DestinationRef(DestinationKind.TOPIC, t.name()), waiting, t.consumerCount()));
        }
        return list;
    }
}
