package io.tandemmq.broker.ha;

import java.sql.SQLException;

/**
 * The lease row as the pair node uses it; {@link Lease} keeps it in the store. Every method may
 * block on the database.
 */
public interface LeaseStore extends AutoCloseable {
    /** @throws SQLException when the store cannot be reached */
    LeaseState read() throws SQLException;

    /**
     * Takes the lease if it is still as {@code seen}.
     *
     * @return the new epoch, or -1 when another server renewed or took it meanwhile
     * @throws TakeoverBlockedException when the row stayed locked by the old owner; nothing changed
     * @throws SQLException when the store cannot be reached; nothing changed
     */
    long take(String owner, LeaseState seen) throws SQLException;

    /** @return false when this owner and epoch no longer hold it */
    boolean renew(String owner, long epoch) throws SQLException;

    /** Gives the lease up so that the partner may take it at once. */
    boolean release(String owner, long epoch) throws SQLException;

    /** A store error in words for the log. */
    String describe(SQLException e);

    /** Closes its store connection; never throws. */
    @Override
    void close();
}
