package io.tandemmq.broker.ha;

import io.tandemmq.broker.store.LockWaits;
import io.tandemmq.broker.store.SqlDialect;
import io.tandemmq.broker.store.StoreLocation;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The lease row in the shared store, on its own connection. Every time is the database's clock,
 * never a broker's. Taking the lease is a compare-and-set on the epoch and renewal time that were
 * read, so two servers can never both win.
 *
 * <p>Reading the lease never waits for locks. Taking it ends the old owner's store sessions first
 * where the database can (PostgreSQL). No writer locks the lease row (the epoch check only reads
 * it), so on Derby a take waits only for something else that locked it, such as an operator's open
 * transaction: at most its query timeout of {@value #TAKE_TIMEOUT_SECONDS} s where the database
 * cancels lock waits by it, else the database's lock timeout (embedded Derby: 60 s; an embedded
 * store has no partner to take over from it).
 *
 * <p>Each operation is one statement in auto-commit mode, so the database commits it as it runs it:
 * a server that freezes or loses the network right after a renewal never holds the row's lock, and
 * the partner can always read and take an expired lease. (With a separate commit the lock lived
 * until the server's next round trip, and a frozen server blocked its partner's read of the lease
 * for as long as it was frozen.)
 */
public final class Lease implements LeaseStore, AutoCloseable {
    private static final Logger LOG = System.getLogger(Lease.class.getName());
    /** How long taking the lease may wait for a row lock before it gives up and is tried again. */
    static final int TAKE_TIMEOUT_SECONDS = 1;

    private final StoreLocation location;
    private final SqlDialect dialect;
    private Connection connection;

    public Lease(StoreLocation location) {
        this.location = location;
        this.dialect = location.dialect();
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = location.connect("lease");
            connection.setAutoCommit(true);
            // a read of the lease never waits for the active server's write transactions (its epoch
            // check locks the row without changing it); PostgreSQL reads never wait anyway
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            dialect.prepareLeaseConnection(connection);
        }
        return connection;
    }

    /** @throws SQLException when the store cannot be reached (the connection is reopened next time) */
    public synchronized LeaseState read() throws SQLException {
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT OWNER, EPOCH, RELEASED, RENEWED_AT, CURRENT_TIMESTAMP FROM TQ_LEASE WHERE ID = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the lease row is missing from the store");
                }
                Timestamp renewed = rs.getTimestamp(4);
                Timestamp now = rs.getTimestamp(5);
                return new LeaseState(rs.getString(1), rs.getLong(2), rs.getInt(3) != 0, renewed,
                        millisBetween(renewed, now));
            }
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    private static long millisBetween(Timestamp from, Timestamp to) {
        long seconds = to.getTime() / 1000 - from.getTime() / 1000;
        long nanos = to.getNanos() - from.getNanos();
        return seconds * 1000 + nanos / 1_000_000;
    }

    /**
     * Takes the lease if it is still as it was read: free, released or expired. When it expired
     * (the owner did not let go), the owner's store sessions are ended first where the database
     * can do that, so that a frozen owner's open transaction cannot hold the lease row.
     *
     * @return the new epoch, or -1 when another server renewed or took it meanwhile
     * @throws TakeoverBlockedException when the lease row stayed locked (by the old owner's open
     *         transaction) for {@value #TAKE_TIMEOUT_SECONDS} s; nothing changed, try again
     * @throws SQLException when the store cannot be reached; nothing changed
     */
    public synchronized long take(String owner, LeaseState seen) throws SQLException {
        try {
            Connection c = connection();
            if (!seen.released() && seen.owner() != null) {
                endOwnersSessions(c);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE TQ_LEASE SET OWNER = ?, EPOCH = EPOCH + 1,"
                    + " RENEWED_AT = CURRENT_TIMESTAMP, RELEASED = 0 WHERE ID = 1 AND EPOCH = ? AND RENEWED_AT = ?"
                    + " AND RELEASED = ?")) {
                ps.setQueryTimeout(TAKE_TIMEOUT_SECONDS);
                ps.setString(1, owner);
                ps.setLong(2, seen.epoch());
                ps.setTimestamp(3, seen.renewedAt());
                ps.setInt(4, seen.released() ? 1 : 0);
                if (ps.executeUpdate() != 1) {
                    return -1;
                }
            }
            return seen.epoch() + 1;
        } catch (SQLException e) {
            if (LockWaits.isLockWait(e)) {
                throw new TakeoverBlockedException(e);
            }
            drop();
            throw e;
        }
    }

    private void endOwnersSessions(Connection c) {
        try {
            int ended = dialect.endOtherServersSessions(c, location);
            if (ended > 0) {
                LOG.log(Level.INFO, "ended {0} store sessions of the previous owner", ended);
            }
        } catch (SQLException e) {
            // the update below may still succeed (the owner may hold no lock); say why it may not
            LOG.log(Level.WARNING, "cannot end the previous owner''s store sessions (both servers need the same"
                    + " database user, or pg_signal_backend): {0}", e.getMessage());
        }
    }

    /** @return false when the lease is no longer this server's (then it must fence itself) */
    public synchronized boolean renew(String owner, long epoch) throws SQLException {
        return update("UPDATE TQ_LEASE SET RENEWED_AT = CURRENT_TIMESTAMP WHERE ID = 1 AND OWNER = ? AND EPOCH = ?"
                + " AND RELEASED = 0", owner, epoch);
    }

    /** Gives the lease up so that the partner may take it at once. */
    public synchronized boolean release(String owner, long epoch) throws SQLException {
        return update("UPDATE TQ_LEASE SET RELEASED = 1 WHERE ID = 1 AND OWNER = ? AND EPOCH = ?", owner, epoch);
    }

    private boolean update(String sql, String owner, long epoch) throws SQLException {
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, owner);
                ps.setLong(2, epoch);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is broken anyway
            }
            connection = null;
        }
    }

    /** A store error in words for the log: the database's message, with what it means where the dialect knows. */
    public String describe(SQLException e) {
        return dialect.describe(e);
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
