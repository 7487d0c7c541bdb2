package io.tandemmq.wildfly.app;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes the rows the tests count, in the caller's transaction. */
final class Rows {
    static final String DATA_SOURCE = "java:app/jdbc/TandemIt";
    static final String CONNECTION_FACTORY = "java:/jms/TandemConnectionFactory";

    private Rows() {
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
