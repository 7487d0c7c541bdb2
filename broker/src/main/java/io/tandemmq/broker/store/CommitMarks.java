package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The commit marks of one writer: numbers them, writes each through the {@link WriteGuard} as the
 * first statement of its transaction, removes this server's old ones now and then, and answers
 * whether a transaction whose COMMIT was cut off was committed.
 */
final class CommitMarks {
    /** Every this many writes, the marks older than that many writes of this server are removed. */
    static final int PRUNE_EVERY = 1000;
    /** How long a resolution waits for a transaction of the cut connection that may still be running. */
    private static final int LOCK_WAIT_SECONDS = 1;

    /** What the store says about a cut-off commit. */
    enum Outcome {
        COMMITTED,
        NOT_COMMITTED,
        /** Cannot be known any more by this server: the lease moved on and its marks may be gone. */
        UNKNOWABLE
    }

    private final String serverId;
    private final WriteGuard guard;
    private final SqlDialect dialect;
    private long seq;

    CommitMarks(String serverId, WriteGuard guard, SqlDialect dialect) {
        this.serverId = serverId;
        this.guard = guard;
        this.dialect = dialect;
    }

    /** Whether writing this mark also removes old ones (a statement of its own in the transaction). */
    static boolean prunes(CommitMark mark) {
        return mark.seq() % PRUNE_EVERY == 0;
    }

    CommitMark next() {
        return new CommitMark(serverId, ++seq, guard.epoch());
    }

    /**
     * Writes the mark, first in the transaction.
     *
     * @throws StoreFencedException when the guard refuses
     */
    void write(StatementCache statements, CommitMark mark) throws SQLException {
        guard.begin(statements, mark);
        if (prunes(mark)) {
            PreparedStatement ps = statements.prepare("DELETE FROM TQ_COMMIT_MARK WHERE SERVER_ID = ? AND SEQ < ?");
            ps.setString(1, serverId);
            ps.setLong(2, mark.seq() - PRUNE_EVERY);
            ps.executeUpdate();
        }
    }

    /**
     * Whether the transaction of {@code mark} was committed. A share lock on the mark table first
     * waits until no transaction that wrote a mark is still running, the cut one included (its
     * server may not yet have noticed that the connection is gone).
     *
     * @return null when the lock could not be had in time (ask again)
     * @throws SQLException when the store cannot be asked (ask again)
     */
    Outcome resolve(Connection c, CommitMark mark) throws SQLException {
        if (dialect.lockedByOthers(c, "TQ_COMMIT_MARK")) {
            return null;
        }
        try (Statement lock = c.createStatement()) {
            lock.setQueryTimeout(LOCK_WAIT_SECONDS);
            lock.execute("LOCK TABLE TQ_COMMIT_MARK IN SHARE MODE");
        } catch (SQLException e) {
            c.rollback();
            if (LockWaits.isLockWait(e)) {
                return null;
            }
            throw e;
        }
        try {
            if (exists(c, mark)) {
                return Outcome.COMMITTED;
            }
            // another server may have removed the marks of an older epoch after taking over
            return mark.epoch() < 0 || mark.epoch() == leaseEpoch(c) ? Outcome.NOT_COMMITTED : Outcome.UNKNOWABLE;
        } finally {
            c.commit();
        }
    }

    private static boolean exists(Connection c, CommitMark mark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM TQ_COMMIT_MARK WHERE SERVER_ID = ? AND SEQ = ?")) {
            ps.setString(1, mark.serverId());
            ps.setLong(2, mark.seq());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long leaseEpoch(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EPOCH FROM TQ_LEASE WHERE ID = 1")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
