package io.tandemmq.broker.store;

import io.tandemmq.protocol.DestinationKind;

import java.util.List;

/**
 * One write in a {@link StoreBatch}. Operations of a batch are applied in order in one JDBC
 * transaction, consecutive operations of the same kind as one JDBC batch.
 */
public sealed interface StoreOperation {

    /**
     * A message row for one queue or durable subscription ({@code queueKey}). With a
     * {@code txKey} the row belongs to a prepared transaction branch and is invisible until its
     * commit.
     */
    record InsertMessage(long id, String queueKey, String messageId, int priority, long expiration,
                         long deliveryTime, int deliveryCount, byte[] headers, byte[] body, String txKey)
            implements StoreOperation {

        public InsertMessage inTransaction(String key) {
            return new InsertMessage(id, queueKey, messageId, priority, expiration, deliveryTime, deliveryCount,
                    headers, body, key);
        }
    }

    /**
     * A message row is consumed. The row stays, marked, for a while so that a message sent again
     * after a failover is recognised as a duplicate ({@link PurgeConsumed} removes it later).
     */
    record DeleteMessage(long id) implements StoreOperation { }

    /**
     * Removes up to {@code limit} message rows consumed before the given time, and tells
     * {@code removed} how many it found (called before the commit: a group that then fails removed
     * none, and the next step finds them again). Bounded because the writer does nothing else
     * meanwhile: a minute of consumed rows removed at once stalled every send for seconds.
     */
    record PurgeConsumed(long before, int limit, java.util.function.IntConsumer removed) implements StoreOperation { }

    /**
     * Marks consumed the waiting rows of one queue and priority above a cursor (those a paged queue
     * holds only in the store), except {@code keep}: rows whose arrival the queue has not seen yet.
     */
    record ConsumeWaiting(String queueKey, int priority, long afterId, List<Long> keep) implements StoreOperation {
        public ConsumeWaiting {
            keep = List.copyOf(keep);
        }
    }

    /** Moves a message to another queue (dead-letter or expiry queue) keeping its row. */
    record MoveMessage(long id, String newQueueKey, int deliveryCount) implements StoreOperation { }

    record UpdateDeliveryCount(long id, int deliveryCount) implements StoreOperation { }

    record InsertDestination(DestinationKind kind, String name) implements StoreOperation { }

    /** Deletes the destination and, for a queue, every message in it. */
    record DeleteDestination(DestinationKind kind, String name, String queueKey) implements StoreOperation { }

    record InsertSubscription(SubscriptionRecord subscription) implements StoreOperation { }

    /** Deletes the durable subscription and every message waiting for it. */
    record DeleteSubscription(String key) implements StoreOperation { }

    /**
     * Makes a prepared XA branch durable: its key and the rows it consumed. Its sent messages are
     * {@link InsertMessage}s with the same {@code txKey}, in the same batch.
     */
    record PrepareBranch(String txKey, long preparedAt, List<Long> consumedRowIds) implements StoreOperation {
        public PrepareBranch {
            consumedRowIds = List.copyOf(consumedRowIds);
        }
    }

    /**
     * Commits a prepared branch: its messages become visible, the rows it consumed (the same
     * {@code consumedRowIds} as at its prepare) are marked consumed.
     */
    record CommitBranch(String txKey, List<Long> consumedRowIds) implements StoreOperation {
        public CommitBranch {
            consumedRowIds = List.copyOf(consumedRowIds);
        }
    }

    /** Rolls back a prepared branch: its messages are deleted, the rows it consumed stay. */
    record RollbackBranch(String txKey) implements StoreOperation { }

    /** Remembers how a transaction ended, so that a repeated commit or rollback gets the same answer. */
    record RecordOutcome(String txKey, boolean committed, long completedAt) implements StoreOperation { }

    /** Writes nothing: its batch completes once every batch queued before it is committed. */
    record Barrier() implements StoreOperation { }

    /** Forgets outcomes whose key starts with {@code prefix}, recorded before the given time. */
    record PruneOutcomes(String prefix, long before) implements StoreOperation { }
}
