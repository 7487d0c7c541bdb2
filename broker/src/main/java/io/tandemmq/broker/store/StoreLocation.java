package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the store lives and how to log in to it: the JDBC URL, optional credentials, the dialect
 * the URL names, and whose store sessions the connections are. Immutable.
 *
 * <p>Every connection a broker opens carries its server id in the session name
 * ({@code tandem:<server id>:<purpose>}) where the database keeps one (PostgreSQL's
 * {@code application_name}), so that a server taking over can find and end the sessions of the
 * server it replaces. Offline commands have no server id ({@code tandem-cli:<purpose>}) and are
 * never ended that way.
 *
 * @param serverId the broker instance's id, or null for an offline command
 */
public record StoreLocation(String url, String user, String password, String serverId) {
    /** Prefix of the session names of broker servers. */
    public static final String SERVER_SESSION_PREFIX = "tandem:";

    public StoreLocation {
        Objects.requireNonNull(url, "url");
    }

    /** A location for an offline command. */
    public static StoreLocation of(String url, String user, String password) {
        return new StoreLocation(url, user, password, null);
    }

    /** The same store, with the sessions of the given broker instance. */
    public StoreLocation forServer(String id) {
        return new StoreLocation(url, user, password, id);
    }

    /**
     * @throws StoreException when the URL names a database Tandem has no dialect for
     */
    public SqlDialect dialect() {
        return SqlDialect.forUrl(url);
    }

    /** The session name of this server's connections for the given purpose. */
    public String sessionName(String purpose) {
        return serverId == null ? "tandem-cli:" + purpose : SERVER_SESSION_PREFIX + serverId + ":" + purpose;
    }

    /**
     * Opens a connection (auto-commit on, as JDBC opens it) named for {@code purpose}.
     *
     * @throws SQLException when the database cannot be reached or refuses the credentials
     */
    public Connection connect(String purpose) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        dialect().connectionProperties(sessionName(purpose)).forEach(p::setProperty);
        Connection c = DriverManager.getConnection(url, p);
        if (user != null) {
            try {
                dialect().prepareUserConnection(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return url + (user == null ? "" : " as " + user);
    }
}
