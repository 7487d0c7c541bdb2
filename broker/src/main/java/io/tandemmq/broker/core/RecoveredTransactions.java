package io.tandemmq.broker.core;

import java.util.List;

/** Takes the transaction state read from the store at start-up (implemented by the XA branch registry). */
public interface RecoveredTransactions {

    void outcome(String txKey, boolean committed, long completedAt);

    void preparedBranch(String txKey, long preparedAt, List<Long> consumedRowIds);

    /**
     * Offers a recovered message to the prepared branches.
     *
     * @param txKey the branch that sent it, or null
     * @return true when a branch holds it (sent in it and not committed, or consumed by it), so
     *         that it must not be enqueued
     */
    boolean adopt(MessageRef ref, MessageQueue queue, String txKey);
}
