package io.tandemmq.broker.store;

import io.tandemmq.protocol.DestinationKind;

/** Receives the store's contents at start-up, in this order: destinations, subscriptions, messages by id. */
public interface RecoveryListener {

    void destination(DestinationKind kind, String name);

    void subscription(SubscriptionRecord subscription);

    void message(StoredMessage message);
}
