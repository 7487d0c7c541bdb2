package io.tandemmq.broker.core;

import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happens to a message after delivery: acknowledged (its row deleted), returned to its queue
 * (counted as a delivery if the application saw it), moved to the dead-letter queue after too many
 * deliveries, or expired (moved to the expiry queue or dropped).
 */
public final class Settlement {
    private static final Logger LOG = System.getLogger(Settlement.class.getName());
    private final Broker broker;

    Settlement(Broker broker) {
        this.broker = broker;
    }

    /** Store writes that remove acknowledged messages; memory is released at once. */
    public void acknowledge(List<Outstanding> acked, StoreBatch.Builder batch) {
        for (Outstanding o : acked) {
            MessageRef ref = o.ref();
            if (ref.isStored()) {
                batch.add(new StoreOperation.DeleteMessage(ref.id()));
            }
            o.queue().delivered();
            o.queue().countConsumed();
            broker.memory().release(ref.reservedBytes());
            ref.reserved(0);
        }
    }

    /**
     * Puts deliveries back in their queues, oldest first. Those the application never saw are not
     * counted as deliveries; a message delivered too often goes to the dead-letter queue instead.
     *
     * @return the queues that got messages back, to dispatch
     */
    public Set<MessageQueue> giveBack(List<Outstanding> returned, Set<Long> seen, StoreBatch.Builder batch) {
        Set<MessageQueue> touched = new LinkedHashSet<>();
        for (Outstanding o : returned) {
            MessageRef ref = o.ref();
            boolean wasSeen = seen == null || seen.contains(o.deliveryId());
            if (!wasSeen) {
                ref.uncountDelivery();
            }
            MessageQueue queue = o.queue();
            if (queue.isDeleted()) {
                queue.delivered();
                drop(ref, batch);
                continue;
            }
            int limit = broker.config().maxDeliveryAttempts();
            if (wasSeen && limit > 0 && ref.deliveryCount() >= limit && !isDeadLetterQueue(queue)) {
                queue.delivered();
                queue.countDeadLettered();
                touched.add(moveTo(broker.destinations().queue(broker.config().deadLetterQueue()), ref, batch));
                LOG.log(Level.INFO, "message {0} delivered {1} times: moved to {2}", ref,
                        ref.deliveryCount(), broker.config().deadLetterQueue());
                continue;
            }
            queue.putBack(ref);
            touched.add(queue);
            if (wasSeen && ref.isStored()) {
                batch.add(new StoreOperation.UpdateDeliveryCount(ref.id(), ref.deliveryCount()));
            }
        }
        return touched;
    }

    private boolean isDeadLetterQueue(MessageQueue queue) {
        return queue.key().equals(Destinations.queueKey(broker.config().deadLetterQueue()));
    }

    private MessageQueue moveTo(MessageQueue target, MessageRef ref, StoreBatch.Builder batch) {
        if (ref.isStored()) {
            batch.add(new StoreOperation.MoveMessage(ref.id(), target.key(), ref.deliveryCount()));
        }
        target.add(ref, System.currentTimeMillis());
        return target;
    }

    private void drop(MessageRef ref, StoreBatch.Builder batch) {
        if (ref.isStored()) {
            batch.add(new StoreOperation.DeleteMessage(ref.id()));
        }
        broker.memory().release(ref.reservedBytes());
        ref.reserved(0);
    }

    /** An expired message leaves its queue: to the expiry queue if there is one, else dropped. */
    void expire(MessageQueue queue, MessageRef ref) {
        queue.countExpired();
        StoreBatch.Builder batch = new StoreBatch.Builder();
        String expiryName = broker.config().expiryQueue();
        if (expiryName == null || queue.key().equals(Destinations.queueKey(expiryName))) {
            drop(ref, batch);
        } else {
            MessageQueue target = broker.destinations().queue(expiryName);
            target.setHonoursExpiry(false);
            moveTo(target, ref, batch);
            target.dispatch(System.currentTimeMillis());
        }
        broker.write(batch.build()).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "could not record the expiry of message {0}: {1}", ref,
                        failure.getMessage());
            }
        });
    }

    /** Drops refs that will never be delivered (their queue or subscription went away). */
    public void discard(List<MessageRef> refs, StoreBatch.Builder batch) {
        refs.forEach(ref -> drop(ref, batch));
    }
}
