package io.tandemmq.it;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.derby.jdbc.EmbeddedXADataSource;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The second XA resource of the tests: an embedded Derby database in a folder of its own, with one
 * table RECEIVED(TEXT). Only one JVM may have the database open at a time; {@link #close()} shuts
 * it down.
 */
final class DerbyXa implements AutoCloseable {
    static {
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", Path.of(System.getProperty("java.io.tmpdir"), "tandem-it-derby.log").toString());
        }
    }

    private final String database;
    private final EmbeddedXADataSource xa;

    DerbyXa(Path folder) {
        this.database = folder.toAbsolutePath().toString();
        this.xa = new EmbeddedXADataSource();
        xa.setDatabaseName(database);
        xa.setCreateDatabase("create");
    }

    /** Creates the table unless it exists. */
    DerbyXa createTable() throws SQLException {
        try (Connection c = xa.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE RECEIVED (TEXT VARCHAR(200) NOT NULL)");
        } catch (SQLException e) {
            if (!"X0Y32".equals(e.getSQLState())) {
                throw e;
            }
        }
        return this;
    }

    XAConnection open() throws SQLException {
        return xa.getXAConnection();
    }

    /** For recovery: a fresh XA connection's resource. */
    NarayanaTm.Opened openForRecovery() throws SQLException {
        XAConnection c = open();
        return new NarayanaTm.Opened(c.getXAResource(), c::close);
    }

    static void insert(XAConnection c, String text) throws SQLException {
        try (Connection jdbc = c.getConnection(); PreparedStatement ps = jdbc.prepareStatement("INSERT INTO RECEIVED (TEXT) VALUES (?)")) {
            ps.setString(1, text);
            ps.executeUpdate();
        }
    }

    /** The committed rows (do not call while a branch that wrote is in doubt: its locks block). */
    List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = xa.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TEXT FROM RECEIVED ORDER BY TEXT")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** The prepared branches Derby holds. */
    List<Xid> inDoubt() throws SQLException, XAException {
        XAConnection c = open();
        try {
            return List.of(c.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
        } finally {
            c.close();
        }
    }

    @Override
    public void close() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(database);
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException e) {
            // 08006: the database was shut down, as asked; XJ004: it was not booted
        }
    }
}
