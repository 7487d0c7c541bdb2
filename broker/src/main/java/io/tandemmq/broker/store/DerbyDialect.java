package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Apache Derby, embedded ({@code jdbc:derby:DIR}) or network server ({@code jdbc:derby://host:port/db}). */
public final class DerbyDialect implements SqlDialect {
    public static final DerbyDialect INSTANCE = new DerbyDialect();
    /** Derby's largest VARCHAR FOR BIT DATA. */
    private static final int VARBINARY_MAX = 32672;
    private static final String INLINE_BINARY = "VARCHAR(" + VARBINARY_MAX + ") FOR BIT DATA";

    private DerbyDialect() {
    }

    @Override
    public String name() {
        return "Derby";
    }

    @Override
    public List<String> createSchema() {
        return StoreTables.all(INLINE_BINARY, "BLOB(2G)");
    }

    @Override
    public List<String> upgradeSchema(String fromVersion) {
        if (!List.of("1", "2", "3", "4").contains(fromVersion)) {
            throw new StoreException("the store has schema version " + fromVersion + ", which this broker cannot upgrade");
        }
        // each version adds to the one before
        int from = Integer.parseInt(fromVersion);
        List<String> ddl = new ArrayList<>();
        if (from < 2) {
            ddl.addAll(StoreTables.security());
        }
        if (from < 3) {
            ddl.addAll(StoreTables.bindings());
        }
        if (from < 4) {
            ddl.addAll(StoreTables.commitMarks());
        }
        ddl.addAll(StoreTables.waitingIndex());
        return ddl;
    }

    @Override
    public String waitingIndexHint() {
        return " --DERBY-PROPERTIES index=TQ_MESSAGE_WAITING\n";
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return "42X05".equals(e.getSQLState());
    }

    @Override
    public boolean isAuthenticationFailure(SQLException e) {
        return "08004".equals(e.getSQLState());
    }

    @Override
    public List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT T.TABLENAME FROM SYS.SYSTABLES T JOIN SYS.SYSSCHEMAS S"
                + " ON T.SCHEMAID = S.SCHEMAID WHERE T.TABLETYPE = 'T' AND S.SCHEMANAME = CURRENT SCHEMA");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Override
    public boolean lockedByOthers(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE TABLENAME = ? AND STATE = 'GRANT'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            } finally {
                c.commit();
            }
        }
    }

    @Override
    public int inlineLimit() {
        return VARBINARY_MAX;
    }

    @Override
    public int largeBinaryType() {
        return Types.BLOB;
    }

    /**
     * Derby's default schema is the user's name ({@code APP} without one), and a schema that does
     * not exist yet makes the first reads fail: every user works in {@code APP}, so that the store
     * is the same whoever logs in.
     */
    @Override
    public void prepareUserConnection(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET SCHEMA APP");
        }
    }

    @Override
    public void shutdown(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:derby:") || jdbcUrl.startsWith("jdbc:derby://")) {
            return;
        }
        String base = jdbcUrl.contains(";") ? jdbcUrl.substring(0, jdbcUrl.indexOf(';')) : jdbcUrl;
        try {
            DriverManager.getConnection(base + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as SQLState 08006
        }
    }
}
