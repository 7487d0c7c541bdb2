package io.tandemmq.broker.core;

/** What a queue asks of the broker around it: where expired messages go, and timers. */
public interface DeliveryPolicy {

    /** The message expired while waiting in {@code queue}; it is already removed from it. */
    void expire(MessageQueue queue, MessageRef ref);

    /** Calls {@link MessageQueue#releaseScheduled} and dispatches again after the delay. */
    void scheduleWakeUp(MessageQueue queue, long delayMillis);

    /** While a switchover lets open transactions finish, nothing new is delivered. */
    default boolean deliveryPaused() {
        return false;
    }
}
