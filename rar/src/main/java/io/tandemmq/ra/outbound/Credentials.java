package io.tandemmq.ra.outbound;

import io.tandemmq.ra.ConnectionSettings;
import jakarta.resource.spi.ConnectionRequestInfo;

/**
 * A user name and password for a physical connection, also the request info of
 * {@code createConnection(user, password)}. Empty values count as not given. Equal by value, so
 * that pooled connections are matched by credentials.
 */
public record Credentials(String userName, String password) implements ConnectionRequestInfo {
    public Credentials {
        userName = ConnectionSettings.given(userName);
        password = ConnectionSettings.given(password);
    }

    @Override
    public String toString() {
        return "Credentials[userName=" + userName + "]";
    }
}
