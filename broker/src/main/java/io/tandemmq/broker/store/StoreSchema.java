package io.tandemmq.broker.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Creates the schema on first use and checks its version otherwise. Two servers of a pair may
 * start on an empty store at the same moment: the one whose creation fails waits for the other's.
 */
public final class StoreSchema {
    private static final Logger LOG = System.getLogger(StoreSchema.class.getName());
    static final String VERSION = "1";

    private StoreSchema() {
    }

    /**
     * @throws StoreException when the store holds another schema version
     * @throws SQLException when the database fails
     */
    public static void ensure(Connection c, SqlDialect dialect, String url) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String version = version(c, dialect);
            if (version != null) {
                if (!VERSION.equals(version)) {
                    throw new StoreException("the store has schema version " + version + ", this broker needs " + VERSION);
                }
                return;
            }
            try {
                create(c, dialect);
                LOG.log(Level.INFO, "created the store schema at {0}", url);
                return;
            } catch (SQLException e) {
                c.rollback();
                if (attempt >= 20) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private static String version(Connection c, SqlDialect dialect) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VAL FROM TQ_META WHERE NAME = 'schema'")) {
            String v = rs.next() ? rs.getString(1) : null;
            c.commit();
            return v;
        } catch (SQLException e) {
            c.rollback();
            if (dialect.isMissingTable(e)) {
                return null;
            }
            throw e;
        }
    }

    private static void create(Connection c, SqlDialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : dialect.createSchema()) {
                s.executeUpdate(ddl);
            }
            s.executeUpdate("INSERT INTO TQ_LEASE (ID, OWNER, EPOCH, RENEWED_AT, RELEASED) VALUES (1, NULL, 0, CURRENT_TIMESTAMP, 1)");
            s.executeUpdate("INSERT INTO TQ_META (NAME, VAL) VALUES ('resource-manager', 'tandem-" + UUID.randomUUID() + "')");
            s.executeUpdate("INSERT INTO TQ_META (NAME, VAL) VALUES ('schema', '" + VERSION + "')");
        }
        c.commit();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
