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

    private DerbyDialect() {
    }

    @Override
    public String name() {
        return "Derby";
    }

    @Override
    public List<String> createSchema() {
        List<String> ddl = new ArrayList<>(List.of(
                "CREATE TABLE TQ_META (NAME VARCHAR(128) NOT NULL PRIMARY KEY, VAL VARCHAR(1024))",
                "CREATE TABLE TQ_LEASE (ID SMALLINT NOT NULL PRIMARY KEY, OWNER VARCHAR(256), EPOCH BIGINT NOT NULL,"
                        + " RENEWED_AT TIMESTAMP NOT NULL, RELEASED SMALLINT NOT NULL)",
                "CREATE TABLE TQ_DESTINATION (KIND SMALLINT NOT NULL, NAME VARCHAR(256) NOT NULL, PRIMARY KEY (KIND, NAME))",
                "CREATE TABLE TQ_SUBSCRIPTION (SUB_KEY VARCHAR(1024) NOT NULL PRIMARY KEY, TOPIC VARCHAR(256) NOT NULL,"
                        + " CLIENT_ID VARCHAR(256), NAME VARCHAR(256) NOT NULL, SELECTOR VARCHAR(16000),"
                        + " NO_LOCAL SMALLINT NOT NULL, SHARED SMALLINT NOT NULL)",
                "CREATE TABLE TQ_MESSAGE (ID BIGINT NOT NULL PRIMARY KEY, QUEUE_KEY VARCHAR(1024) NOT NULL,"
                        + " MESSAGE_ID VARCHAR(512) NOT NULL, PRIORITY SMALLINT NOT NULL, EXPIRATION BIGINT NOT NULL,"
                        + " DELIVERY_TIME BIGINT NOT NULL, DELIVERY_COUNT INT NOT NULL,"
                        + " HEADERS VARCHAR(" + VARBINARY_MAX + ") FOR BIT DATA, HEADERS_LARGE BLOB(2G),"
                        + " BODY_LENGTH INT NOT NULL, BODY VARCHAR(" + VARBINARY_MAX + ") FOR BIT DATA, BODY_LARGE BLOB(2G),"
                        + " TX_KEY VARCHAR(300), CONSUMED_AT BIGINT NOT NULL DEFAULT 0)",
                "CREATE INDEX TQ_MESSAGE_QUEUE ON TQ_MESSAGE (QUEUE_KEY)",
                "CREATE INDEX TQ_MESSAGE_MID ON TQ_MESSAGE (MESSAGE_ID)",
                "CREATE INDEX TQ_MESSAGE_CONSUMED ON TQ_MESSAGE (CONSUMED_AT)",
                "CREATE INDEX TQ_MESSAGE_TX ON TQ_MESSAGE (TX_KEY)",
                "CREATE TABLE TQ_XA_BRANCH (TX_KEY VARCHAR(300) NOT NULL PRIMARY KEY, PREPARED_AT BIGINT NOT NULL)",
                "CREATE TABLE TQ_XA_CONSUMED (TX_KEY VARCHAR(300) NOT NULL, MESSAGE_ROW BIGINT NOT NULL,"
                        + " PRIMARY KEY (TX_KEY, MESSAGE_ROW))",
                "CREATE TABLE TQ_TX_OUTCOME (TX_KEY VARCHAR(300) NOT NULL PRIMARY KEY, COMMITTED SMALLINT NOT NULL,"
                        + " COMPLETED_AT BIGINT NOT NULL)",
                SqlDialect.COMMIT_MARK_TABLE));
        ddl.addAll(securitySchema());
        ddl.addAll(bindingSchema());
        return ddl;
    }

    @Override
    public List<String> upgradeSchema(String fromVersion) {
        if (!List.of("1", "2", "3").contains(fromVersion)) {
            throw new StoreException("the store has schema version " + fromVersion + ", which this broker cannot upgrade");
        }
        // each version adds to the one before
        int from = Integer.parseInt(fromVersion);
        List<String> ddl = new ArrayList<>();
        if (from < 2) {
            ddl.addAll(securitySchema());
        }
        if (from < 3) {
            ddl.addAll(bindingSchema());
        }
        ddl.add(COMMIT_MARK_TABLE);
        return ddl;
    }

    /** Schema version 2: users (never a plain password), their roles, and the roles' grants. */
    private static List<String> securitySchema() {
        return List.of(
                "CREATE TABLE TQ_USER (NAME VARCHAR(256) NOT NULL PRIMARY KEY, PASSWORD_HASH VARCHAR(128) NOT NULL,"
                        + " SALT VARCHAR(64) NOT NULL, ITERATIONS INT NOT NULL)",
                "CREATE TABLE TQ_USER_ROLE (USER_NAME VARCHAR(256) NOT NULL, ROLE_NAME VARCHAR(256) NOT NULL,"
                        + " PRIMARY KEY (USER_NAME, ROLE_NAME))",
                "CREATE TABLE TQ_ROLE_PERMISSION (ROLE_NAME VARCHAR(256) NOT NULL, PERMISSION VARCHAR(16) NOT NULL,"
                        + " PATTERN VARCHAR(1024) NOT NULL, PRIMARY KEY (ROLE_NAME, PERMISSION, PATTERN))");
    }

    /** Schema version 3: JNDI names of administered objects (queue, topic, connection factory). */
    private static List<String> bindingSchema() {
        return List.of("CREATE TABLE TQ_BINDING (NAME VARCHAR(512) NOT NULL PRIMARY KEY, KIND VARCHAR(32) NOT NULL,"
                + " TARGET VARCHAR(4000) NOT NULL)");
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
