package io.tandemmq.broker.store;

import io.tandemmq.protocol.DestinationKind;

import java.util.List;

/**
 * Receives the store's contents at start-up, in this order: destinations, subscriptions, transaction
 * outcomes, prepared branches, then messages by id.
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
}
