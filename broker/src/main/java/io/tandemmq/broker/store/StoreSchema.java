package io.tandemmq.broker.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Creates the schema on first use, upgrades an older version, and checks the version otherwise.
 * Two servers of a pair may start on an empty (or old) store at the same moment: the one whose
 * creation or upgrade fails waits for the other's. Version 2 added the security tables,
 * version 3 the JNDI bindings, version 4 the commit marks, version 5 the index of waiting rows.
 */
public final class StoreSchema {
    private static final Logger LOG = System.getLogger(StoreSchema.class.getName());
    static final String VERSION = "5";
    /** Security is off until the first user exists; after that, connections need credentials unless this says true. */
    private static final String ANONYMOUS_ACCESS_OFF = "INSERT INTO TQ_META (NAME, VAL) VALUES ('anonymous-access', 'false')";

    private StoreSchema() {
    }

    /**
     * @throws StoreException when the store holds a newer schema version, or another product's tables
     * @throws SQLException when the database fails
     */
    public static void ensure(Connection c, SqlDialect dialect, String url) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String version = version(c, dialect);
            if (VERSION.equals(version)) {
                return;
            }
            if (version != null && Integer.parseInt(version) > Integer.parseInt(VERSION)) {
                throw new StoreException("the store has schema version " + version + ", this broker needs " + VERSION);
            }
            if (version == null && refuseForeignTables(c, dialect, url)) {
                if (attempt >= 20) {
                    throw new StoreException("the store at " + url + " has a TQ_META table without a schema version");
                }
                // the partner created the schema a moment ago: read its version
                sleep();
                continue;
            }
            try {
                if (version == null) {
                    create(c, dialect);
                    LOG.log(Level.INFO, "created the store schema at {0}", url);
                } else {
                    upgrade(c, dialect, version);
                    LOG.log(Level.INFO, "upgraded the store schema at {0} from version {1} to {2}", url, version, VERSION);
                }
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

    /**
     * A database that holds other tables but no Tandem schema belongs to something else: never write there.
     *
     * @return true when the schema appeared meanwhile (the partner server created it)
     * @throws StoreException when the database holds tables that are not Tandem's
     */
    private static boolean refuseForeignTables(Connection c, SqlDialect dialect, String url) throws SQLException {
        java.util.List<String> tables = dialect.tableNames(c);
        c.commit();
        if (tables.contains("TQ_META")) {
            return true;
        }
        if (!tables.isEmpty()) {
            throw new StoreException("the database at " + url + " holds " + tables.size() + " tables that are not Tandem's ("
                    + String.join(", ", tables.subList(0, Math.min(3, tables.size()))) + (tables.size() > 3 ? ", ..." : "")
                    + "): give --store an empty database of its own");
        }
        return false;
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
            s.executeUpdate(ANONYMOUS_ACCESS_OFF);
            s.executeUpdate("INSERT INTO TQ_META (NAME, VAL) VALUES ('schema', '" + VERSION + "')");
        }
        c.commit();
    }

    /** In one transaction with the version change: a failed upgrade leaves the old version whole. */
    private static void upgrade(Connection c, SqlDialect dialect, String from) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : dialect.upgradeSchema(from)) {
                s.executeUpdate(ddl);
            }
            if (from.equals("1")) {
                // version 2 brought the security tables and this setting
                s.executeUpdate(ANONYMOUS_ACCESS_OFF);
            }
            if (s.executeUpdate("UPDATE TQ_META SET VAL = '" + VERSION + "' WHERE NAME = 'schema' AND VAL = '" + from + "'") != 1) {
                throw new SQLException("the schema version changed during the upgrade");
            }
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
