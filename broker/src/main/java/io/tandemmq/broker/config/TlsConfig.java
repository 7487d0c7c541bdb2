package io.tandemmq.broker.config;

import io.tandemmq.protocol.tls.KeyStoreFile;

/**
 * TLS on the client port (and, with {@link HaConfig#peerTls()}, on the heartbeat link). Immutable.
 *
 * @param keyStore the server's private key and certificate chain
 * @param trustStore the certificates client (and partner) certificates must chain to; null: the
 *        JVM's default trust for client certificates, and no heartbeat-link TLS
 * @param clientAuth whether clients on the client port must present a certificate
 */
public record TlsConfig(KeyStoreFile keyStore, KeyStoreFile trustStore, ClientAuth clientAuth) {

    /** Whether a client must show a certificate its server trusts. */
    public enum ClientAuth {
        /** Clients show none (the default): they prove who they are with a user name and password. */
        NONE,
        /** A client may show a certificate; if it does, it must be trusted. */
        OPTIONAL,
        /** A client without a trusted certificate is refused in the TLS handshake. */
        REQUIRED
    }
}
