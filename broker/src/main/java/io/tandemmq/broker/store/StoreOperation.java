package io.tandemmq.broker.store;

import io.tandemmq.protocol.DestinationKind;

/**
 * One write in a {@link StoreBatch}. Operations of a batch are applied in order in one JDBC
 * transaction, consecutive operations of the same kind as one JDBC batch.
 */
public sealed interface StoreOperation {

    /** A message row for one queue or durable subscription ({@code queueKey}). */
    record InsertMessage(long id, String queueKey, String messageId, int priority, long expiration,
                         long deliveryTime, int deliveryCount, byte[] headers, byte[] body)
            implements StoreOperation { }

    record DeleteMessage(long id) implements StoreOperation { }

    /** Moves a message to another queue (dead-letter or expiry queue) keeping its row. */
    record MoveMessage(long id, String newQueueKey, int deliveryCount) implements StoreOperation { }

    record UpdateDeliveryCount(long id, int deliveryCount) implements StoreOperation { }

    record InsertDestination(DestinationKind kind, String name) implements StoreOperation { }

    /** Deletes the destination and, for a queue, every message in it. */
    record DeleteDestination(DestinationKind kind, String name, String queueKey) implements StoreOperation { }

    record InsertSubscription(SubscriptionRecord subscription) implements StoreOperation { }

    /** Deletes the durable subscription and every message waiting for it. */
    record DeleteSubscription(String key) implements StoreOperation { }
}
