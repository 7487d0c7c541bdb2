package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What differs between databases: the schema DDL and its upgrades, how errors are classified,
 * how large values are bound, and what the database can do for fencing. Statements that are plain
 * SQL live in {@link JdbcMessageStore} and the other stores.
 */
public interface SqlDialect {
    /** Schema version 4: one row per write transaction, written first in it ({@link CommitMark}). */
    String COMMIT_MARK_TABLE = "CREATE TABLE TQ_COMMIT_MARK (SERVER_ID VARCHAR(64) NOT NULL, SEQ BIGINT NOT NULL,"
            + " EPOCH BIGINT NOT NULL, PRIMARY KEY (SERVER_ID, SEQ))";

    /**
     * The dialect for a JDBC URL: {@code jdbc:derby:...} (embedded or network server) or
     * {@code jdbc:postgresql://...}.
     *
     * @throws StoreException naming the URL when it is of another kind
     */
    static SqlDialect forUrl(String url) {
        if (url.startsWith("jdbc:derby:")) {
            return DerbyDialect.INSTANCE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PostgresDialect.checkUrl(url);
            return PostgresDialect.INSTANCE;
        }
        throw new StoreException("'" + url + "' is not a store Tandem can use: give jdbc:derby:... or jdbc:postgresql://...");
    }

    /** Short name for logs and messages ({@code Derby}, {@code PostgreSQL}). */
    String name();

    /** DDL creating every table and index of the current schema version, in order. */
    List<String> createSchema();

    /**
     * Statements that bring a store of an older schema version to the current one, in order.
     *
     * @throws StoreException when that version cannot be upgraded
     */
    List<String> upgradeSchema(String fromVersion);

    /** Whether the exception says "table does not exist". */
    boolean isMissingTable(SQLException e);

    /** Whether the exception says the database refused the user name or password. */
    boolean isAuthenticationFailure(SQLException e);

    /**
     * Names of tables in the connection's schema, for telling an empty database from one that
     * holds another product's tables.
     */
    List<String> tableNames(Connection c) throws SQLException;

    /** Largest body or header kept inline in a VARBINARY column; larger ones go to the large column. */
    int inlineLimit();

    /** The JDBC type to bind a null to the large binary column with. */
    int largeBinaryType();

    /** Connection properties that name the session and set timeouts, beside user and password. */
    default Map<String, String> connectionProperties(String sessionName) {
        return Map.of();
    }

    /**
     * Ends every store session of other broker servers (their open transactions are rolled back
     * and their locks freed), for a server that takes the lease over from one that may be frozen.
     *
     * @return how many sessions were ended, or -1 when this database cannot end other sessions (Derby)
     * @throws SQLException when the database refuses (for example, the user may not end sessions)
     */
    default int endOtherServersSessions(Connection c, StoreLocation own) throws SQLException {
        return -1;
    }

    /**
     * Whether other transactions hold locks on the table, asked without waiting: for a lock wait
     * that must raise an alarm while it lasts, where the database cannot time a lock wait out per
     * statement (Derby waits for its database-wide lock timeout whatever the query timeout says).
     * False where a statement's query timeout ends a lock wait (PostgreSQL).
     */
    default boolean lockedByOthers(Connection c, String table) throws SQLException {
        return false;
    }

    /**
     * Called on every new connection that logged in with a user name.
     *
     * @throws SQLException when the database refuses
     */
    default void prepareUserConnection(Connection c) throws SQLException {
    }

    /**
     * Checks, at a broker's start, that the database behind {@code c} can hold a pair's store
     * safely.
     *
     * @return warnings for the log (one line each): settings that risk acknowledged work at a
     *         database failover
     * @throws StoreException when the database can never take the store's writes (a read-only standby)
     */
    default List<String> checkServer(Connection c) throws SQLException {
        return List.of();
    }

    /** A store error in words for the log: the driver's message, with what it means where that is known. */
    default String describe(SQLException e) {
        return e.getMessage();
    }

    /** Settings of the connection that reads, renews and takes the lease, run once when it is opened. */
    default void prepareLeaseConnection(Connection c) throws SQLException {
    }

    /**
     * Whether the writer may write a group of sends and acknowledgements with its commit mark in
     * one statement that commits as it runs ({@link OneTripGroup}): one round trip to the database
     * instead of three.
     */
    /**
     * What follows {@code FROM TQ_MESSAGE M} in a read of one queue's waiting rows so that the
     * database walks the index of waiting rows (Derby's optimizer otherwise scans and sorts the table).
     */
    default String waitingIndexHint() {
        return "";
    }

    default boolean writesGroupsInOneTrip() {
        return false;
    }

    /** Releases resources held for this database, for example shutting down an embedded engine. */
    default void shutdown(String jdbcUrl) {
    }
}
