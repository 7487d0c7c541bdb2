package io.tandemmq.broker.core;

import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.WireMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns a sent message into refs for each queue or subscription it belongs to, and the store
 * rows for those that must be durable. Nothing is enqueued here: the caller does that once the
 * rows are committed (or at commit of a transaction).
 */
final class MessageRouter {
    private final Destinations destinations;
    private final MemoryBudget memory;
    private final LongSupplier ids;
    private final MessageRef.HeaderSource storedHeaders;

    MessageRouter(Destinations destinations, MemoryBudget memory, LongSupplier ids, MessageRef.HeaderSource storedHeaders) {
        this.destinations = destinations;
        this.memory = memory;
        this.ids = ids;
        this.storedHeaders = storedHeaders;
    }

    /** The refs of one sent message, each with the store row that makes it durable. */
    record Routed(List<PendingSend> sends) {
        StoreBatch batch() {
            StoreBatch.Builder batch = new StoreBatch.Builder();
            sends.forEach(p -> {
                if (p.insert() != null) {
                    batch.add(p.insert());
                }
            });
            return batch.build();
        }
    }

    /**
     * @throws BrokerException INVALID_DESTINATION for a bad or deleted destination,
     *         RESOURCE_ALLOCATION when a non-persistent message does not fit in memory
     */
    Routed route(WireMessage message, ServerConnection from) {
        DestinationRef dest = message.destination();
        List<MessageQueue> targets = targets(dest, message, from);
        WireMessage headers = message.body() == null ? message : message.toBuilder().body(message.bodyType(), null).build();
        byte[] encodedHeaders = null;
        List<PendingSend> sends = new ArrayList<>(targets.size());
        for (MessageQueue queue : targets) {
            boolean stored = message.isPersistent() && queue.isDurable();
            MessageRef ref;
            try {
                ref = newRef(message, headers, stored, from);
            } catch (BrokerException e) {
                sends.forEach(s -> s.drop(memory));
                throw e;
            }
            StoreOperation.InsertMessage insert = null;
            if (stored) {
                if (encodedHeaders == null) {
                    encodedHeaders = headers.encode();
                }
                insert = new StoreOperation.InsertMessage(ref.id(), queue.key(), message.messageId(), message.priority(),
                        message.expiration(), message.deliveryTime(), 0, encodedHeaders, message.body(), null);
            }
            queue.expectArrival(ref);
            sends.add(new PendingSend(queue, ref, insert));
        }
        return new Routed(sends);
    }

    private List<MessageQueue> targets(DestinationRef dest, WireMessage message, ServerConnection from) {
        switch (dest.kind()) {
            case QUEUE:
                return List.of(destinations.queue(dest.name()));
            case TEMP_QUEUE:
                return List.of(destinations.tempQueue(dest.name()));
            case TOPIC:
                return subscriptionsWanting(destinations.topic(dest.name()), message, from);
            default:
                return subscriptionsWanting(destinations.tempTopic(dest.name()), message, from);
        }
    }

    private static List<MessageQueue> subscriptionsWanting(Topic topic, WireMessage message, ServerConnection from) {
        List<MessageQueue> targets = new ArrayList<>();
        MessageRef probe = new MessageRef(0, message, null, false, false, from.id(), 0);
        for (Subscription s : topic.subscriptions()) {
            if (s.wants(probe, from.id(), from.clientId())) {
                targets.add(s.queue());
            }
        }
        return targets;
    }

    /** A ref that holds the whole message when it fits in the memory budget, or (stored) only a few fields. */
    private MessageRef newRef(WireMessage message, WireMessage headers, boolean stored, ServerConnection from) {
        byte[] body = message.body();
        long size = message.estimatedSize();
        if (memory.tryReserve(size)) {
            MessageRef ref = new MessageRef(ids.getAsLong(), headers, body, body != null, stored, from.id(), 0);
            ref.reserved(size);
            return ref;
        }
        if (!stored) {
            throw new BrokerException(ErrorCode.RESOURCE_ALLOCATION, "the broker's memory for messages is full ("
                    + memory.limit() + " bytes); non-persistent messages are refused until consumers catch up");
        }
        return MessageRef.pagedOnArrival(ids.getAsLong(), headers, body != null, from.id(), storedHeaders);
    }
}
