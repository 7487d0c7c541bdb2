package io.tandemmq.client.transport;

import java.io.Serializable;

/** One server of a {@code tandem://} URL. Serializable because {@link ClientOptions} is. */
public record ServerAddress(String host, int port) implements Serializable {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
