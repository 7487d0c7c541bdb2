package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.Selector;

/**
 * A client's consumer on one {@link MessageQueue} (a queue or a topic subscription). It may be
 * sent as many messages as it has credit; the client returns credit as the application takes them.
 */
public final class ServerConsumer {
    private final long id;
    private final ServerSession session;
    private final MessageQueue queue;
    private final Selector selector;
    private final Subscription subscription;
    private int credit;

    ServerConsumer(long id, ServerSession session, MessageQueue queue, Selector selector,
                   Subscription subscription, int credit) {
        this.id = id;
        this.session = session;
        this.queue = queue;
        this.selector = selector;
        this.subscription = subscription;
        this.credit = credit;
    }

    public long id() {
        return id;
    }

    public ServerSession session() {
        return session;
    }

    public MessageQueue queue() {
        return queue;
    }

    /** The topic subscription this consumer reads, or null on a queue. */
    public Subscription subscription() {
        return subscription;
    }

    boolean hasCredit() {
        return credit > 0;
    }

    void addCredit(int more) {
        long sum = (long) credit + more;
        credit = (int) Math.min(Integer.MAX_VALUE, Math.max(0, sum));
    }

    boolean accepts(MessageRef ref) {
        return selector == null || selector.matches(ref);
    }

    void deliver(MessageQueue from, MessageRef ref) {
        credit--;
        session.deliver(this, from, ref);
    }
}
