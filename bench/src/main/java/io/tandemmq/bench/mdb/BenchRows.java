package io.tandemmq.bench.mdb;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The database row of the "with an XA database row" variant, written in the caller's transaction. */
final class BenchRows {
    /** web.xml defines it: a Derby XA datasource on the benchmark's database server. */
    static final String DATA_SOURCE = "java:app/jdbc/Bench";
    /** web.xml maps this reference to the server's name for the adapter's connection factory. */
    static final String CONNECTION_FACTORY_REF = "jms/Bench";
    static final String QUEUE = "bench.mdb";

    private BenchRows() {
    }

    /** @param table SENT or RECEIVED */
    static void insert(DataSource db, String table, String text) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (TEXT) VALUES (?)")) {
            p.setString(1, text);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("insert into " + table + " failed: " + e.getMessage(), e);
        }
    }
}
