package io.tandemmq.broker.admin;

import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.core.BrokerException;
import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.core.MessageQueue;
import io.tandemmq.broker.core.QueueCounts;
import io.tandemmq.broker.core.Subscription;
import io.tandemmq.broker.core.Topic;
import io.tandemmq.broker.core.selector.Selector;
import io.tandemmq.broker.core.selector.SelectorSyntaxException;
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

    /**
     * {@code queue stat}: a header line, then one line per queue (or only the one named), its name
     * and waiting messages first.
     *
     * @throws BrokerException INVALID_DESTINATION when a named queue does not exist
     */
    public List<String> stat(String name) {
        List<MessageQueue> queues = new ArrayList<>();
        if (name == null) {
            queues.addAll(broker.destinations().queues());
            queues.sort(java.util.Comparator.comparing(MessageQueue::name));
        } else {
            MessageQueue q = broker.destinations().existingQueue(name);
            if (q == null) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no queue " + name);
            }
            queues.add(q);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-32s %9s %9s %9s %9s %10s %10s %8s %8s %8s %8s %10s", "NAME", "WAITING", "PAGED",
                "IN-FLIGHT", "CONSUMERS", "ENQUEUED", "DEQUEUED", "EXPIRED", "DLQ-MOVED", "IN/S", "OUT/S", "OLDEST-S"));
        long now = System.currentTimeMillis();
        for (MessageQueue q : queues) {
            QueueCounts c = q.counts();
            double[] rates = broker.rates(q);
            lines.add(String.format(java.util.Locale.ROOT, "%-32s %9d %9d %9d %9d %10d %10d %8d %8d %8.1f %8.1f %10s",
                    q.name(), c.waiting(), c.paged(), c.inDelivery(), c.consumers(), c.enqueued(), c.consumed(), c.expired(),
                    c.deadLettered(), rates[0], rates[1], oldestAge(q, now)));
        }
        return lines;
    }

    /**
     * Seconds since the oldest waiting message was sent (its JMSTimestamp), {@code -} when none
     * waits, it carries no timestamp, or its headers cannot be read from the store now.
     */
    private static String oldestAge(MessageQueue q, long now) {
        var oldest = q.oldestWaiting();
        if (oldest == null) {
            return "-";
        }
        try {
            long sent = oldest.headers().timestamp();
            return sent <= 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", Math.max(0, now - sent) / 1000.0);
        } catch (RuntimeException e) {
            return "-";
        }
    }

    /** @see Broker#purgeQueue(String) */
    public java.util.concurrent.CompletableFuture<Integer> purge(String name) {
        return broker.purgeQueue(name);
    }

    /**
     * @param selector null for every message
     * @see Broker#moveMessages
     */
    public java.util.concurrent.CompletableFuture<Integer> move(String from, String to, String selector, int count) {
        try {
            return broker.moveMessages(from, to, Selector.parseOrNull(selector), count);
        } catch (SelectorSyntaxException e) {
            throw new BrokerException(ErrorCode.INVALID_SELECTOR, "--selector: " + e.getMessage());
        }
    }

    /** {@code connections}: a header line, then one line per client connection. */
    public List<String> connections() {
        BrokerFigures f = broker.figures();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-24s %-16s %-24s %8s %9s", "ADDRESS", "USER", "CLIENT-ID", "SESSIONS", "CONSUMERS"));
        for (BrokerFigures.Client c : f.clients()) {
            lines.add(String.format("%-24s %-16s %-24s %8d %9d", c.address(), c.user() == null ? "-" : c.user(),
                    c.clientId() == null ? "-" : c.clientId(), c.sessions(), c.consumers()));
        }
        if (f.clients().size() < f.connections()) {
            lines.add("(the first " + f.clients().size() + " of " + f.connections() + " connections)");
        }
        return lines;
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
