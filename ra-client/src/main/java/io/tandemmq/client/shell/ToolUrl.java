package io.tandemmq.client.shell;

import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.protocol.tls.ClientTlsSettings;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The {@code --url} of a command-line tool as the client reads it, for the broker's admin tools,
 * which speak the protocol without the JMS client: read by the client's own parser, so that every
 * tool accepts and refuses the same URLs (and options) as an application.
 *
 * @param tls null when the URL does not ask for TLS
 */
public record ToolUrl(List<InetSocketAddress> servers, String user, String password, ClientTlsSettings tls) {

    /** @throws IllegalArgumentException naming every problem of the URL */
    public static ToolUrl parse(String url) {
        ClientOptions o = ClientOptions.parse(url);
        return new ToolUrl(o.servers().stream().map(s -> new InetSocketAddress(s.host(), s.port())).toList(),
                o.user(), o.password(), o.tls());
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "ToolUrl[servers=" + servers + ", user=" + user + ", tls=" + (tls != null) + "]";
    }
}
