package io.tandemmq.broker.ha;

import io.tandemmq.broker.store.StatementCache;
import io.tandemmq.broker.store.StoreFencedException;
import io.tandemmq.broker.store.WriteGuard;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The first statement of every write transaction of the active server: it locks the lease row
 * and checks that this server still owns the lease at its epoch. A takeover increments the epoch
 * under the same row lock, so a replaced server cannot commit a single row more, however late its
 * threads or clock run.
 */
public final class EpochFence implements WriteGuard {
    private final String owner;
    private final long epoch;

    public EpochFence(String owner, long epoch) {
        this.owner = owner;
        this.epoch = epoch;
    }

    @Override
    public void check(StatementCache statements) throws SQLException {
        PreparedStatement ps = statements.prepare(
                "UPDATE TQ_LEASE SET EPOCH = EPOCH WHERE ID = 1 AND OWNER = ? AND EPOCH = ? AND RELEASED = 0");
        ps.setString(1, owner);
        ps.setLong(2, epoch);
        if (ps.executeUpdate() != 1) {
            throw new StoreFencedException("the store's lease is no longer held by " + owner + " at epoch " + epoch);
        }
    }

    public long epoch() {
        return epoch;
    }
}
