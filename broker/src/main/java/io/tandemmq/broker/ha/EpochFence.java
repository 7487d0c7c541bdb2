package io.tandemmq.broker.ha;

import io.tandemmq.broker.store.CommitMark;
import io.tandemmq.broker.store.StatementCache;
import io.tandemmq.broker.store.StoreFencedException;
import io.tandemmq.broker.store.WriteGuard;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The first statement of every write transaction of the active server: it writes the
 * transaction's commit mark only if this server still owns the lease at its epoch, so the check
 * costs no round trip of its own. It reads the lease row without locking it for the rest of the
 * transaction, so writers never wait for each other on it and the partner's lease reads never
 * wait for writers.
 *
 * <p>What keeps a replaced server from committing afterwards: a takeover increments the epoch
 * first, so every check from then on fails; then, before it reads the store, the new active waits
 * for an exclusive lock on the mark table, which every transaction that passed the check holds a
 * row of until it ends ({@link io.tandemmq.broker.store.JdbcMessageStore#recover}). On PostgreSQL
 * the old owner's sessions are ended before that, so a frozen server cannot hold it up.
 */
public final class EpochFence implements WriteGuard {
    private final String owner;
    private final long epoch;

    public EpochFence(String owner, long epoch) {
        this.owner = owner;
        this.epoch = epoch;
    }

    @Override
    public void begin(StatementCache statements, CommitMark mark) throws SQLException {
        PreparedStatement ps = statements.prepare("INSERT INTO TQ_COMMIT_MARK (SERVER_ID, SEQ, EPOCH)"
                + " SELECT ?, ?, EPOCH FROM TQ_LEASE WHERE ID = 1 AND OWNER = ? AND EPOCH = ? AND RELEASED = 0");
        ps.setString(1, mark.serverId());
        ps.setLong(2, mark.seq());
        ps.setString(3, owner);
        ps.setLong(4, epoch);
        if (ps.executeUpdate() != 1) {
            throw new StoreFencedException("the store's lease is no longer held by " + owner + " at epoch " + epoch);
        }
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public String leaseOwner() {
        return owner;
    }
}
