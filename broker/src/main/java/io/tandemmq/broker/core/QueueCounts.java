package io.tandemmq.broker.core;

/**
 * One queue's figures at one moment, for metrics and the console. The counts run since this
 * server became active (a takeover starts them again, as a restart would).
 *
 * @param waiting messages waiting, scheduled ones included
 * @param inDelivery delivered and not yet acknowledged
 * @param enqueued messages added (sent, recovered from the store, or moved here)
 * @param consumed messages acknowledged (or committed) by consumers
 * @param expired messages that expired here
 * @param deadLettered messages moved to the dead-letter queue after too many deliveries
 * @param paged waiting messages whose body is only in the store (over {@code --max-memory}), or the
 *        whole message (beyond the queue's {@code --queue-window})
 */
public record QueueCounts(long waiting, long inDelivery, int consumers, long enqueued, long consumed, long expired,
                          long deadLettered, long paged) {
    public static final QueueCounts NONE = new QueueCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of both, for a topic's subscriptions. */
    public QueueCounts plus(QueueCounts o) {
        return new QueueCounts(waiting + o.waiting, inDelivery + o.inDelivery, consumers + o.consumers,
                enqueued + o.enqueued, consumed + o.consumed, expired + o.expired, deadLettered + o.deadLettered,
                paged + o.paged);
    }
}
