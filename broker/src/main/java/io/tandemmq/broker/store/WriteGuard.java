package io.tandemmq.broker.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs first in every write transaction of the store, on the same connection: writes the
 * transaction's {@link CommitMark}, and in a pair only while this server holds the lease at its
 * epoch, in the same statement. A server that lost its right to write fails here and its
 * transaction never commits.
 */
public interface WriteGuard {

    /** No lease: a store used outside a broker pair (tests, tools). Writes the mark unconditionally. */
    WriteGuard UNFENCED = new WriteGuard() {
        @Override
        public void begin(StatementCache statements, CommitMark mark) throws SQLException {
            PreparedStatement ps = statements.prepare(
                    "INSERT INTO TQ_COMMIT_MARK (SERVER_ID, SEQ, EPOCH) VALUES (?, ?, ?)");
            ps.setString(1, mark.serverId());
            ps.setLong(2, mark.seq());
            ps.setLong(3, mark.epoch());
            ps.executeUpdate();
        }

        @Override
        public long epoch() {
            return -1;
        }

        @Override
        public String leaseOwner() {
            return null;
        }
    };

    /** A broker server that is not active: it may not write at all. */
    WriteGuard NOT_ACTIVE = new WriteGuard() {
        @Override
        public void begin(StatementCache statements, CommitMark mark) throws SQLException {
            throw new StoreFencedException("this server is not the active one of its pair");
        }

        @Override
        public long epoch() {
            return -1;
        }

        @Override
        public String leaseOwner() throws StoreFencedException {
            throw new StoreFencedException("this server is not the active one of its pair");
        }
    };

    /**
     * @throws StoreFencedException when this server may no longer write
     * @throws SQLException when the statement itself fails (the database is unreachable...)
     */
    void begin(StatementCache statements, CommitMark mark) throws SQLException;

    /** The epoch writes are checked against; -1 when there is no lease. */
    long epoch();

    /**
     * The owner the lease must name at {@link #epoch()} for a write to pass, for a statement that
     * writes the mark together with the work ({@link OneTripGroup}) and so applies the same check
     * itself; null when writes need no lease.
     *
     * @throws StoreFencedException when this guard refuses every write
     */
    String leaseOwner() throws StoreFencedException;
}
