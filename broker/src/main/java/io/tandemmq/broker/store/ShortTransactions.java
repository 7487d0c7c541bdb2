package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiFunction;

/**
 * Runs each piece of work in a transaction of its own, for the tables that are read and written
 * rarely and from any thread (users, grants, JNDI bindings): calls from several threads do not
 * interfere. A few idle connections are kept between calls: opening one costs round trips (on
 * PostgreSQL its authentication too), and every client handshake runs up to three pieces of work,
 * so opening a connection for each made connecting to the broker slow. A kept connection is
 * checked before it is used again; one that died (the store restarted, a takeover ended this
 * server's sessions) is dropped for a new one.
 */
final class ShortTransactions {
    private final StoreLocation location;
    private final String purpose;
    /** Whose marks the writes leave, and how many so far. */
    private final String markOwner;
    private final java.util.concurrent.atomic.AtomicLong marks = new java.util.concurrent.atomic.AtomicLong();
    private volatile WriteGuard guard = WriteGuard.UNFENCED;
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** Connections kept idle at most: as many as handshakes usually run at once. */
    static final int MAX_IDLE = 4;
    private static final int VALID_CHECK_SECONDS = 2;

    /** One piece of work inside a transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** @param purpose names the connections' store sessions ({@link StoreLocation#sessionName}) */
    ShortTransactions(StoreLocation location, String purpose) {
        this.location = location;
        this.purpose = purpose;
        this.markOwner = purpose + "-" + java.util.UUID.randomUUID();
    }

    StoreLocation location() {
        return location;
    }

    /** The guard every write runs first from now on (a broker's epoch fence; unfenced for offline commands). */
    void fenceWith(WriteGuard writeGuard) {
        guard = writeGuard;
    }

    /**
     * Like {@link #run(String, Work, BiFunction)} for work that writes: the guard runs first in the
     * same transaction, so a server that lost the lease (or is not active) changes nothing.
     */
    <T> T write(String what, Work<T> work, BiFunction<String, SQLException, RuntimeException> failure) {
        WriteGuard g = guard;
        return run(what, c -> {
            try (StatementCache statements = new StatementCache(c)) {
                g.begin(statements, new CommitMark(markOwner, marks.incrementAndGet(), g.epoch()));
            }
            return work.run(c);
        }, failure);
    }

    String url() {
        return location.url();
    }

    /**
     * Commits the work, or rolls it back when it throws (a refusal thrown as a runtime exception
     * leaves nothing changed and reaches the caller as it was thrown).
     *
     * @param what what the work does, for the failure's message ("cannot WHAT: reason")
     * @param failure makes the exception thrown when the database fails, from message and cause
     */
    <T> T run(String what, Work<T> work, BiFunction<String, SQLException, RuntimeException> failure) {
        try {
            return run(work);
        } catch (SQLException e) {
            throw failure.apply("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T run(Work<T> work) throws SQLException {
        Connection c = take();
        boolean reusable = false;
        try {
            try {
                T result = work.run(c);
                c.commit();
                reusable = true;
                return result;
            } catch (RuntimeException e) {
                // a refusal of the work: the connection itself is sound
                c.rollback();
                reusable = true;
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            }
        } finally {
            giveBack(c, reusable);
        }
    }

    private Connection take() throws SQLException {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (isSound(c)) {
                return c;
            }
            closeQuietly(c);
        }
        c = location.connect(purpose);
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void giveBack(Connection c, boolean reusable) {
        if (reusable && idle.size() < MAX_IDLE) {
            idle.offerFirst(c);
        } else {
            closeQuietly(c);
        }
    }

    private static boolean isSound(Connection c) {
        try {
            return c.isValid(VALID_CHECK_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the idle connections; work after this opens new ones. */
    void closeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is dropped anyway
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do about it
        }
    }
}
