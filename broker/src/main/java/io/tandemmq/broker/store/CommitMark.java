package io.tandemmq.broker.store;

/**
 * The row a write transaction adds to {@code TQ_COMMIT_MARK} as its first statement: when the
 * connection dies during COMMIT, whether this row is in the store says whether the transaction
 * was committed. Unique per server instance ({@code serverId}) and write ({@code seq}).
 *
 * @param epoch the lease epoch the transaction was written under; -1 outside a pair
 */
public record CommitMark(String serverId, long seq, long epoch) {
}
