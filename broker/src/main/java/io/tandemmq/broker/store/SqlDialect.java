package io.tandemmq.broker.store;

import java.sql.SQLException;
import java.util.List;

/**
 * What differs between databases: the schema DDL and how errors are classified. Statements that
 * are plain SQL-92 live in {@link JdbcMessageStore}.
 */
public interface SqlDialect {

    /** DDL creating every table and index, in order. */
    List<String> createSchema();

    /**
     * Statements that bring a store of an older schema version to the current one, in order.
     *
     * @throws StoreException when that version cannot be upgraded
     */
    List<String> upgradeSchema(String fromVersion);

    /** Whether the exception says "table does not exist". */
    boolean isMissingTable(SQLException e);

    /** Largest body or header kept inline in a VARBINARY column; larger ones go to a BLOB. */
    int inlineLimit();

    /** Releases resources held for this database, for example shutting down an embedded engine. */
    default void shutdown(String jdbcUrl) {
    }
}
