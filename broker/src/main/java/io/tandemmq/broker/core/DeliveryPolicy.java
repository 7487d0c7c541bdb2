package io.tandemmq.broker.core;

import io.tandemmq.broker.store.WaitingRow;

import java.util.List;

/**
 * What a queue asks of the broker around it: where expired messages go, timers, and the store
 * rows of the messages it holds only there.
 */
public interface DeliveryPolicy {

    /** The message expired while waiting in {@code queue}; it is already removed from it. */
    void expire(MessageQueue queue, MessageRef ref);

    /** Calls {@link MessageQueue#releaseScheduled} and dispatches again after the delay. */
    void scheduleWakeUp(MessageQueue queue, long delayMillis);

    /** While a switchover lets open transactions finish, nothing new is delivered. */
    default boolean deliveryPaused() {
        return false;
    }

    /** Waiting messages a durable queue holds in memory at most; 0: all (it never pages). */
    default int queueWindow() {
        return 0;
    }

    /**
     * The queue's waiting rows of one priority above a cursor, oldest first.
     *
     * @throws RuntimeException when the store cannot be read (the queue is left as it was)
     */
    default List<WaitingRow> readWaiting(MessageQueue queue, int priority, long afterId, int max) {
        throw new IllegalStateException("queue " + queue.name() + " holds no messages in the store only");
    }

    /**
     * Like {@link #readWaiting}, off the core thread; the future completes on it (exceptionally when
     * the store cannot be read).
     */
    default java.util.concurrent.CompletableFuture<List<WaitingRow>> readWaitingLater(MessageQueue queue, int priority,
                                                                                  long afterId, int max) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(readWaiting(queue, priority, afterId, max));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Dispatches the queue again soon, as a task of its own (not from inside the current one). */
    default void dispatchLater(MessageQueue queue) {
    }

    /** A ref for a row read back: with its content while the memory budget has room, else only a few fields. */
    default MessageRef readBack(WaitingRow row) {
        throw new IllegalStateException("no store to read message row " + row.id() + " from");
    }

    /**
     * Counts a step of the queue's waiting rows of one priority in ({@code afterId}, {@code upToId}].
     *
     * @return {count, the id the count reached}
     * @throws RuntimeException when the store cannot be read
     */
    default long[] countWaiting(MessageQueue queue, int priority, long afterId, long upToId, int max) {
        throw new IllegalStateException("queue " + queue.name() + " holds no messages in the store only");
    }

    /**
     * Like {@link #readWaiting}, as refs that read their headers and body when needed (for browsers).
     *
     * @throws RuntimeException when the store cannot be read
     */
    default List<MessageRef> browseWaiting(MessageQueue queue, int priority, long afterId, int max) {
        throw new IllegalStateException("queue " + queue.name() + " holds no messages in the store only");
    }
}
