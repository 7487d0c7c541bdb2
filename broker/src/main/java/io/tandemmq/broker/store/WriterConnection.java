package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;

/**
 * One of the writer's JDBC connections with its prepared statements. It is held by one thread at a
 * time: the thread that applies a group takes it, hands it to the thread that commits, and that
 * one gives it back once the group is committed or rolled back. Taking and giving back order the
 * two threads' use of the connection.
 */
final class WriterConnection {
    private final GroupCommitWriter.ConnectionSource source;
    private final Semaphore free = new Semaphore(1);
    private Connection connection;
    private StatementCache statements;

    WriterConnection(GroupCommitWriter.ConnectionSource source) {
        this.source = source;
    }

    /** Waits until the group last written on this connection is committed or rolled back. */
    void take() throws InterruptedException {
        free.acquire();
    }

    void giveBack() {
        free.release();
    }

    /** The statements of the open connection, opening it first when there is none. */
    StatementCache statements() throws SQLException {
        if (connection == null) {
            connection = source.open();
            statements = new StatementCache(connection);
        }
        return statements;
    }

    void commit() throws SQLException {
        connection.commit();
    }

    /** Rolls back what is uncommitted; closes the connection when it is broken, so the next use opens a new one. */
    void rollback() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is probably gone: checked next
        }
        if (isBroken()) {
            close();
        }
    }

    private boolean isBroken() {
        try {
            return connection.isClosed() || !connection.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    void close() {
        if (connection == null) {
            return;
        }
        statements.close();
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        connection = null;
        statements = null;
    }
}
