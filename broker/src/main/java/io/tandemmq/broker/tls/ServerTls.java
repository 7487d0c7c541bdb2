package io.tandemmq.broker.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tandemmq.broker.config.TlsConfig;
import io.tandemmq.protocol.tls.ClientTlsSettings;
import io.tandemmq.protocol.tls.KeyStoreFile;
import io.tandemmq.protocol.tls.TlsSetupException;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS contexts of one broker, built once at start from its {@link TlsConfig}: the JDK's TLS
 * (no native library), TLS 1.3 and 1.2 only.
 */
public final class ServerTls {
    private final TlsConfig config;

    private ServerTls(TlsConfig config) {
        this.config = config;
    }

    public static ServerTls of(TlsConfig config) {
        return new ServerTls(config);
    }

    /**
     * The client port's context; clients show a certificate only as {@link TlsConfig#clientAuth()} says.
     *
     * @throws TlsSetupException when a store cannot be read or the key cannot be used
     */
    public SslContext clientPort() throws TlsSetupException {
        SslContextBuilder b = server().clientAuth(switch (config.clientAuth()) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case REQUIRED -> ClientAuth.REQUIRE;
        });
        if (config.clientAuth() != TlsConfig.ClientAuth.NONE) {
            b.trustManager(trust());
        }
        return build(b);
    }

    /**
     * The heartbeat port's context: the partner must show a certificate of the trust store.
     *
     * @throws TlsSetupException when a store cannot be read or the key cannot be used
     */
    public SslContext peerServer() throws TlsSetupException {
        return build(server().clientAuth(ClientAuth.REQUIRE).trustManager(trust()));
    }

    /**
     * The context for connecting to the partner's heartbeat port: shows this broker's certificate
     * and checks that the partner's is trusted and names the partner's host.
     *
     * @throws TlsSetupException when a store cannot be read or the key cannot be used
     */
    public SslContext peerClient() throws TlsSetupException {
        return build(SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(ClientTlsSettings.PROTOCOLS)
                .keyManager(config.keyStore().keyManagers()).trustManager(trust())
                .endpointIdentificationAlgorithm("HTTPS"));
    }

    private SslContextBuilder server() throws TlsSetupException {
        return SslContextBuilder.forServer(config.keyStore().keyManagers()).sslProvider(SslProvider.JDK)
                .protocols(ClientTlsSettings.PROTOCOLS);
    }

    private TrustManagerFactory trust() throws TlsSetupException {
        return config.trustStore() == null ? KeyStoreFile.jvmDefaultTrust() : config.trustStore().trustManagers();
    }

    private static SslContext build(SslContextBuilder b) throws TlsSetupException {
        try {
            return b.build();
        } catch (SSLException e) {
            throw new TlsSetupException("TLS cannot be set up with this key: " + e.getMessage(), e);
        }
    }
}
