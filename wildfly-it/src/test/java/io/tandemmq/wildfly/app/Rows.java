package io.tandemmq.wildfly.app;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes the rows the tests count, in the caller's transaction. */
public final class Rows {
    public static final String DATA_SOURCE = "java:app/jdbc/TandemIt";
    /** A reference of the application's; web.xml maps it to the server's name for the adapter's factory. */
    public static final String CONNECTION_FACTORY_REF = "jms/Tandem";
    /** Where WildFly binds the adapter's factory (its ironjacamar.xml); CDI's JMSContext looks it up by this name. */
    public static final String WILDFLY_CONNECTION_FACTORY = "java:/jms/TandemConnectionFactory";

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
