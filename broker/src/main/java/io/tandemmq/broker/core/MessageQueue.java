package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.Selector;
import io.tandemmq.protocol.WireMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The messages waiting for one queue or one topic subscription, and the consumers taking them.
 * Ready messages are kept highest priority first, then in arrival order; messages with a future
 * delivery time wait aside until it comes. Consumers are served round-robin as their credit allows.
 */
public final class MessageQueue {
    private static final Comparator<MessageRef> DELIVERY_ORDER =
            Comparator.comparingInt(MessageRef::priority).reversed().thenComparingLong(MessageRef::id);

    private final String key;
    private final String name;
    private final boolean durable;
    private final DeliveryPolicy policy;
    private final TreeSet<MessageRef> ready = new TreeSet<>(DELIVERY_ORDER);
    private final PriorityQueue<MessageRef> scheduled =
            new PriorityQueue<>(Comparator.comparingLong(MessageRef::deliveryTime)
                    .thenComparingLong(MessageRef::id));
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private long delivering;
    private boolean honoursExpiry = true;
    /**
     * At least the number of waiting messages that have an expiration time (it may count some
     * twice): the expiry scan walks the whole queue only when it is not zero, and most queues
     * hold no message that can expire.
     */
    private int mayExpire;
    /** Waiting messages whose body is only in the store (it never comes back into their ref). */
    private long paged;
    private boolean deleted;
    // counted on the core thread since this server became active, for the metrics
    private long enqueued;
    private long consumed;
    private long expiredCount;
    private long deadLettered;

    /**
     * @param key the store key of this queue's rows
     * @param durable whether persistent messages sent here are written to the store
     */
    public MessageQueue(String key, String name, boolean durable, DeliveryPolicy policy) {
        this.key = key;
        this.name = name;
        this.durable = durable;
        this.policy = policy;
    }

    public String key() {
        return key;
    }

    /** Off for the expiry queue, whose messages are all expired and still must be consumable. */
    void setHonoursExpiry(boolean honoursExpiry) {
        this.honoursExpiry = honoursExpiry;
    }

    /** The queue was deleted (or its subscription ended): messages returned to it are dropped. */
    public boolean isDeleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }

    /**
     * A message as the consumers and browsers of this queue get it. Messages in the expiry queue
     * have expired already; they go out without an expiration time (as Artemis does), or clients
     * would refuse them as expired.
     */
    WireMessage asDelivered(WireMessage message) {
        return honoursExpiry || message.expiration() == 0 ? message : message.toBuilder().expiration(0).build();
    }

    private boolean expired(MessageRef ref, long now) {
        return honoursExpiry && ref.isExpired(now);
    }

    public String name() {
        return name;
    }

    public boolean isDurable() {
        return durable;
    }

    /** Messages waiting, scheduled ones included, not counting those delivered and not yet acknowledged. */
    public int size() {
        return ready.size() + scheduled.size();
    }

    /** Messages delivered and not yet acknowledged. */
    public long inDelivery() {
        return delivering;
    }

    public List<ServerConsumer> consumers() {
        return consumers;
    }

    public void add(MessageRef ref, long now) {
        enqueued++;
        countIfExpiring(ref);
        countIfPaged(ref, 1);
        if (ref.deliveryTime() > now) {
            scheduled.add(ref);
            policy.scheduleWakeUp(this, ref.deliveryTime() - now);
        } else {
            ready.add(ref);
        }
    }

    /** Puts back a message that was delivered and not acknowledged; it keeps its place in order. */
    void putBack(MessageRef ref) {
        delivering--;
        countIfExpiring(ref);
        countIfPaged(ref, 1);
        ready.add(ref);
    }

    /** A message held outside the queue (by a recovered prepared branch) counts as in delivery. */
    public void holdInDelivery() {
        delivering++;
    }

    /** A delivered message was acknowledged or moved elsewhere. */
    void delivered() {
        delivering--;
    }

    void countConsumed() {
        consumed++;
    }

    void countExpired() {
        expiredCount++;
    }

    void countDeadLettered() {
        deadLettered++;
    }

    /** What the metrics show of this queue; call on the core thread. */
    public QueueCounts counts() {
        return new QueueCounts(size(), delivering, consumers.size(), enqueued, consumed, expiredCount, deadLettered, paged);
    }

    /** Moves messages whose delivery time has come to the ready set. */
    public void releaseScheduled(long now) {
        while (!scheduled.isEmpty() && scheduled.peek().deliveryTime() <= now) {
            ready.add(scheduled.poll());
        }
    }

    public void addConsumer(ServerConsumer consumer) {
        consumers.add(consumer);
    }

    public void removeConsumer(ServerConsumer consumer) {
        consumers.remove(consumer);
    }

    /** Gives ready messages to consumers with credit; expired messages met on the way are expired. */
    public void dispatch(long now) {
        if (policy.deliveryPaused()) {
            return;
        }
        if (consumers.isEmpty() || ready.isEmpty() || !anyCredit()) {
            return;
        }
        Iterator<MessageRef> it = ready.iterator();
        while (it.hasNext()) {
            MessageRef ref = it.next();
            if (expired(ref, now)) {
                it.remove();
                countIfPaged(ref, -1);
                policy.expire(this, ref);
                continue;
            }
            ServerConsumer consumer = pickConsumer(ref);
            if (consumer == null) {
                if (!anyCredit()) {
                    return;
                }
                continue;
            }
            it.remove();
            countIfPaged(ref, -1);
            delivering++;
            consumer.deliver(this, ref);
        }
    }

    /**
     * Delivers one message to this consumer if one is ready, whatever its credit, for
     * {@code receiveNoWait}.
     */
    public void dispatchOne(ServerConsumer consumer, long now) {
        if (policy.deliveryPaused()) {
            return;
        }
        Iterator<MessageRef> it = ready.iterator();
        while (it.hasNext()) {
            MessageRef ref = it.next();
            if (expired(ref, now)) {
                it.remove();
                countIfPaged(ref, -1);
                policy.expire(this, ref);
                continue;
            }
            if (consumer.accepts(ref)) {
                it.remove();
                countIfPaged(ref, -1);
                delivering++;
                consumer.deliver(this, ref);
                return;
            }
        }
    }

    private boolean anyCredit() {
        for (ServerConsumer c : consumers) {
            if (c.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    private ServerConsumer pickConsumer(MessageRef ref) {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            ServerConsumer c = consumers.get((nextConsumer + i) % n);
            if (c.hasCredit() && c.accepts(ref)) {
                nextConsumer = (nextConsumer + i + 1) % n;
                return c;
            }
        }
        return null;
    }

    private void countIfExpiring(MessageRef ref) {
        if (honoursExpiry && ref.canExpire()) {
            mayExpire++;
        }
    }

    private void countIfPaged(MessageRef ref, int change) {
        if (!ref.isBodyInMemory()) {
            paged += change;
        }
    }

    /** Removes expired ready and scheduled messages. */
    public void expireOld(long now) {
        if (mayExpire == 0) {
            return;
        }
        mayExpire = 0;
        ready.removeIf(ref -> expireOrCount(ref, now));
        scheduled.removeIf(ref -> expireOrCount(ref, now));
    }

    private boolean expireOrCount(MessageRef ref, long now) {
        if (expired(ref, now)) {
            countIfPaged(ref, -1);
            policy.expire(this, ref);
            return true;
        }
        countIfExpiring(ref);
        return false;
    }

    /** Up to {@code max} waiting messages after {@code afterId} in arrival order, for a browser. */
    public List<MessageRef> browse(Selector selector, long afterId, int max, long now) {
        TreeSet<MessageRef> byArrival = new TreeSet<>(Comparator.comparingLong(MessageRef::id));
        for (MessageRef ref : ready) {
            if (ref.id() > afterId && !expired(ref, now) && (selector == null || selector.matches(ref))) {
                byArrival.add(ref);
            }
        }
        List<MessageRef> page = new ArrayList<>(Math.min(max, byArrival.size()));
        for (MessageRef ref : byArrival) {
            if (page.size() == max) {
                break;
            }
            page.add(ref);
        }
        return page;
    }

    /**
     * Removes up to {@code max} waiting messages (scheduled ones included) that the selector
     * accepts, oldest first, for moving them elsewhere; messages in delivery stay.
     *
     * @param selector null for every message
     */
    public List<MessageRef> takeWaiting(Selector selector, int max) {
        TreeSet<MessageRef> byArrival = new TreeSet<>(Comparator.comparingLong(MessageRef::id));
        for (MessageRef ref : ready) {
            if (selector == null || selector.matches(ref)) {
                byArrival.add(ref);
            }
        }
        for (MessageRef ref : scheduled) {
            if (selector == null || selector.matches(ref)) {
                byArrival.add(ref);
            }
        }
        List<MessageRef> taken = new ArrayList<>(Math.min(max, byArrival.size()));
        for (MessageRef ref : byArrival) {
            if (taken.size() == max) {
                break;
            }
            taken.add(ref);
        }
        taken.forEach(ref -> {
            if (!ready.remove(ref)) {
                scheduled.remove(ref);
            }
            countIfPaged(ref, -1);
        });
        return taken;
    }

    /** The waiting message that arrived first (scheduled ones included), or null when none waits. */
    public MessageRef oldestWaiting() {
        MessageRef oldest = null;
        for (MessageRef ref : ready) {
            if (oldest == null || ref.id() < oldest.id()) {
                oldest = ref;
            }
        }
        for (MessageRef ref : scheduled) {
            if (oldest == null || ref.id() < oldest.id()) {
                oldest = ref;
            }
        }
        return oldest;
    }

    /** Removes and returns every waiting message (for deleting the queue). */
    public List<MessageRef> drain() {
        List<MessageRef> all = new ArrayList<>(ready);
        all.addAll(scheduled);
        ready.clear();
        scheduled.clear();
        paged = 0;
        return all;
    }

    @Override
    public String toString() {
        return "MessageQueue[" + key + "]";
    }
}
