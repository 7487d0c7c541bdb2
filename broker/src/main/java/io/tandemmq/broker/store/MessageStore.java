package io.tandemmq.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the broker keeps durable. Writes are asynchronous and grouped; reads are synchronous
 * and must not be called on a Netty event loop.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Creates the schema if missing, then streams the stored state to the listener.
     *
     * @throws StoreException when the database cannot be reached or holds an unknown schema
     */
    void recover(RecoveryListener listener);

    /**
     * The identity of this store, the same for every broker that shares it: XA clients compare it
     * to decide whether two connections reach the same resource manager. Known after {@link #recover}.
     */
    String resourceManagerId();

    /** The largest message row id in the store, 0 when empty; ids handed out later must be larger. */
    long highestMessageId();

    /**
     * Queues a batch for the writer. The future completes once the batch is committed, or
     * exceptionally with {@link StoreException} when it was not (then nothing of it was written).
     */
    CompletableFuture<Void> write(StoreBatch batch);

    /**
     * Whether a message with this id was stored recently (waiting, or consumed and not yet
     * purged): a resent message with such an id is a duplicate.
     *
     * @throws StoreException when the database fails
     */
    boolean messageExists(String messageId);

    /**
     * How the transaction with this key ended, if the store still knows.
     *
     * @return true committed, false rolled back, null unknown (never committed, or forgotten)
     * @throws StoreException when the database fails
     */
    Boolean readOutcome(String txKey);

    /**
     * Reads the body of a stored message.
     *
     * @return the body bytes, or null when the message has no body
     * @throws StoreException when the row is missing or the database fails
     */
    byte[] loadBody(long id);

    /**
     * Reads the encoded headers and the body of a stored message in one go.
     *
     * @throws StoreException when the row is missing or the database fails
     */
    StoredContent loadContent(long id);

    /**
     * Reads the encoded headers of a stored message.
     *
     * @throws StoreException when the row is missing or the database fails
     */
    byte[] loadHeaders(long id);

    /**
     * Waiting rows of one queue and priority with an id above {@code afterId}, oldest first: not
     * consumed, not in an uncommitted XA branch, not held by a prepared one. For a queue whose
     * backlog lives in the store beyond its window in memory.
     *
     * @param max at most this many rows (a bound, not a page size the caller relies on)
     * @throws StoreException when the database fails
     */
    List<WaitingRow> readWaiting(String queueKey, int priority, long afterId, int max);

    /**
     * The same rows as {@link #readWaiting} in narrow columns only (for a browser that goes past
     * what is in memory).
     *
     * @throws StoreException when the database fails
     */
    List<StoredMessage> browseWaiting(String queueKey, int priority, long afterId, int max);

    /**
     * Counts the rows {@link #readWaiting} would give with ids in ({@code afterId}, {@code upToId}],
     * at most {@code max} of them (a step of a count that must not hold the reader long). Rows of
     * prepared XA branches in that range are counted too (the count walks the index only).
     *
     * @return {count, the id the count reached}: {@code upToId} when fewer than {@code max} were found
     * @throws StoreException when the database fails
     */
    long[] countWaiting(String queueKey, int priority, long afterId, long upToId, int max);

    /** How long the oldest store commit in progress has waited; 0 when none is in progress. */
    default long commitWaitMillis() {
        return 0;
    }

    /** Stops the writer after the batches already queued, and closes the database connections. */
    @Override
    void close();
}
