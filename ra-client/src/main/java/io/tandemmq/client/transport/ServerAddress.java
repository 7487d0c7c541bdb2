package io.tandemmq.client.transport;

/** One server of a {@code tandem://} URL. */
public record ServerAddress(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
