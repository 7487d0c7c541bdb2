package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiFunction;

/**
 * Runs each piece of work in a connection and transaction of its own, for the tables that are
 * read and written rarely and from any thread (users, grants, JNDI bindings): calls from several
 * threads do not interfere, and nothing holds a connection between calls.
 */
final class ShortTransactions {
    private final StoreLocation location;
    private final String purpose;
    /** Whose marks the writes leave, and how many so far. */
    private final String markOwner;
    private final java.util.concurrent.atomic.AtomicLong marks = new java.util.concurrent.atomic.AtomicLong();
    private volatile WriteGuard guard = WriteGuard.UNFENCED;

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
        try (Connection c = location.connect(purpose)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
