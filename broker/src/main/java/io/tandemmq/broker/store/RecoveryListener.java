package io.tandemmq.broker.store;

import io.tandemmq.protocol.DestinationKind;

import java.util.List;

/**
 * Receives the store's contents at start-up, in this order: destinations, subscriptions, transaction
 * outcomes, prepared branches, then messages by id (see {@link #readsWaitingMessages}).
 */
public interface RecoveryListener {

    void destination(DestinationKind kind, String name);

    void subscription(SubscriptionRecord subscription);

    /** A recently completed transaction. */
    default void outcome(String txKey, boolean committed, long completedAt) {
    }

    /** A prepared XA branch with the message rows it consumed. */
    default void preparedBranch(String txKey, long preparedAt, List<Long> consumedRowIds) {
    }

    void message(StoredMessage message);

    /**
     * Whether every waiting message is read at start-up. When not, only the rows of prepared XA
     * branches are, and the listener reads each queue's waiting rows itself, as far as it needs
     * ({@link MessageStore#browseWaiting}).
     */
    default boolean readsWaitingMessages() {
        return true;
    }
}
