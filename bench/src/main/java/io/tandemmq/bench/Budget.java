package io.tandemmq.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much work one run does, shared by its threads: a number of messages in all, or a time.
 * Each thread calls {@link #take()} before each message.
 */
final class Budget {
    private final long messages;
    private final long deadlineNanos;
    private final AtomicLong taken = new AtomicLong();

    private Budget(long messages, long deadlineNanos) {
        this.messages = messages;
        this.deadlineNanos = deadlineNanos;
    }

    static Budget ofMessages(long messages) {
        return new Budget(messages, Long.MAX_VALUE);
    }

    /** Starts counting the time now. */
    static Budget ofMillis(long millis) {
        return new Budget(Long.MAX_VALUE, System.nanoTime() + millis * 1_000_000);
    }

    /** The same time or count, but never more than {@code cap} messages. */
    Budget atMost(long cap) {
        return new Budget(Math.min(messages, cap), deadlineNanos);
    }

    /** True when one more message may be sent. */
    boolean take() {
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) {
            return false;
        }
        return taken.incrementAndGet() <= messages;
    }
}
