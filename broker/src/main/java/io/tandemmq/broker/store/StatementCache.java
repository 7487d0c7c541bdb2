package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one JDBC connection, kept open while the connection lives. Preparing
 * costs a round trip to a Derby network server; the writer runs the same few statements in every
 * group commit, so preparing each only once saves a round trip per statement per commit.
 *
 * <p>Used by one thread at a time, like the connection it belongs to. A statement handed out is
 * reused: the caller sets every parameter before executing it, and must not close it.
 */
public final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public StatementCache(Connection connection) {
        this.connection = connection;
    }

    /**
     * The statement for this SQL on this cache's connection, prepared on first use.
     *
     * @throws SQLException when the database refuses to prepare it (nothing is cached then)
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    public Connection connection() {
        return connection;
    }

    /** Closes the statements (not the connection). */
    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is closed next anyway
            }
        }
        statements.clear();
    }
}
