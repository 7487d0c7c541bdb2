package io.tandemmq.broker.store;

import java.sql.SQLException;

/**
 * Runs first in every write transaction of the store, on the same connection: the broker pair's
 * epoch check. A server that lost its right to write fails here and its transaction never commits.
 */
public interface WriteGuard {

    /** No check: a broker that does not take part in a pair. */
    WriteGuard NONE = c -> { };

    /**
     * @throws StoreFencedException when this server may no longer write
     * @throws SQLException when the check itself fails (the database is unreachable...)
     */
    void check(StatementCache statements) throws SQLException;
}
