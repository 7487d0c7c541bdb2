package io.tandemmq.protocol.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.Serializable;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Function;

/**
 * How a client talks TLS to a broker, as its URL says: {@code tandems://...} or {@code ssl=true},
 * with {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType} (without a trust
 * store: the JVM's default trust, {@code javax.net.ssl.trustStore}), optionally {@code keyStore},
 * {@code keyStorePassword}, {@code keyStoreType} (a client certificate, for brokers that ask for
 * one) and {@code verifyHost} (default true: the server's certificate must name the host of the URL).
 * Immutable and serializable.
 *
 * @param trustStore the certificates trusted, or null for the JVM's default trust
 * @param keyStore this client's key and certificate, or null to present none
 * @param verifyHost whether the server's certificate must name the host connected to
 */
public record ClientTlsSettings(KeyStoreFile trustStore, KeyStoreFile keyStore, boolean verifyHost)
        implements Serializable {
    /** The URL scheme that turns TLS on. */
    public static final String SCHEME = "tandems://";
    /** The URL options read here. */
    public static final List<String> OPTIONS = List.of("ssl", "trustStore", "trustStorePassword", "trustStoreType",
            "keyStore", "keyStorePassword", "keyStoreType", "verifyHost");
    /** The protocol versions offered, newest first; older ones are refused. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Reads the TLS options of a URL.
     *
     * @param tandemsScheme whether the URL starts with {@code tandems://}
     * @param option the value of a URL option (already %-decoded), or null when not given
     * @param problems where bad values are reported, each naming its option
     * @return the settings, or null when the URL does not ask for TLS
     */
    public static ClientTlsSettings of(boolean tandemsScheme, Function<String, String> option, List<String> problems) {
        String ssl = option.apply("ssl");
        if (ssl != null && !ssl.equalsIgnoreCase("true") && !ssl.equalsIgnoreCase("false")) {
            problems.add("ssl='" + ssl + "' is not true or false");
        }
        if (tandemsScheme && "false".equalsIgnoreCase(ssl)) {
            problems.add("ssl=false contradicts the " + SCHEME + " scheme");
        }
        boolean on = tandemsScheme || "true".equalsIgnoreCase(ssl);
        KeyStoreFile trust = store(option, "trustStore", problems);
        KeyStoreFile keys = store(option, "keyStore", problems);
        String verify = option.apply("verifyHost");
        if (verify != null && !verify.equalsIgnoreCase("true") && !verify.equalsIgnoreCase("false")) {
            problems.add("verifyHost='" + verify + "' is not true or false");
        }
        if (!on) {
            for (String o : OPTIONS.subList(1, OPTIONS.size())) {
                if (option.apply(o) != null) {
                    problems.add(o + " needs TLS: use " + SCHEME + " or ssl=true");
                }
            }
            return null;
        }
        return new ClientTlsSettings(trust, keys, verify == null || Boolean.parseBoolean(verify));
    }

    private static KeyStoreFile store(Function<String, String> option, String name, List<String> problems) {
        String path = option.apply(name);
        String password = option.apply(name + "Password");
        String type = option.apply(name + "Type");
        if (path == null || path.isBlank()) {
            if (password != null || type != null) {
                problems.add(name + (password != null ? "Password" : "Type") + " needs " + name + "=FILE");
            }
            return null;
        }
        return new KeyStoreFile(path, password, type);
    }

    /**
     * A JDK TLS context with these stores, for blocking sockets; {@link #parameters} gives the
     * matching socket parameters.
     *
     * @throws TlsSetupException when a store cannot be read
     */
    public SSLContext sslContext() throws TlsSetupException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] km = keyStore == null ? null : keyStore.keyManagers().getKeyManagers();
            context.init(km, trustManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The trust store's managers, or the JVM's default trust. */
    public javax.net.ssl.TrustManagerFactory trustManagers() throws TlsSetupException {
        return trustStore == null ? KeyStoreFile.jvmDefaultTrust() : trustStore.trustManagers();
    }

    /** The protocols, and host name verification unless it is turned off. */
    public SSLParameters parameters(SSLParameters defaults) {
        defaults.setProtocols(PROTOCOLS);
        if (verifyHost) {
            defaults.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return defaults;
    }
}
