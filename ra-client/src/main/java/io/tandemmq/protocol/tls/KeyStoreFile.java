package io.tandemmq.protocol.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/**
 * A key or trust store in a file, with its password and type ({@code PKCS12} unless told).
 * Immutable and serializable (the path is kept as text), so that connection factories holding one
 * can be bound in JNDI.
 *
 * @param path the file
 * @param password the store's password; null or empty for a trust store without one
 * @param type the {@link KeyStore} type, such as {@code PKCS12} or {@code JKS}
 */
public record KeyStoreFile(String path, String password, String type) implements Serializable {
    public static final String DEFAULT_TYPE = "PKCS12";

    public KeyStoreFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a key store needs a file");
        }
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type;
    }

    /**
     * Reads the store.
     *
     * @throws TlsSetupException when the file is missing or unreadable, the type unknown, or the
     *         password wrong (the message names the file and says which)
     */
    public KeyStore load() throws TlsSetupException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("unknown key store type '" + type + "' for " + path, e);
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, chars());
            return store;
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("key store " + path + " does not exist", e);
        } catch (IOException e) {
            // PKCS12 and JKS report a wrong password as an IOException caused by UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsSetupException("wrong password for key store " + path, e);
            }
            throw new TlsSetupException("cannot read key store " + path + " as " + type + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot read key store " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key managers of this store: it must hold a private key with its certificate chain.
     *
     * @throws TlsSetupException as {@link #load()}, or when no key can be read with the password
     */
    public KeyManagerFactory keyManagers() throws TlsSetupException {
        KeyStore store = load();
        try {
            if (!hasKey(store)) {
                throw new TlsSetupException("key store " + path + " holds no private key", null);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, chars());
            return kmf;
        } catch (UnrecoverableKeyException e) {
            throw new TlsSetupException("the key in " + path + " cannot be read with the store's password", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot use the key in " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The trust managers of this store: the certificates in it are trusted.
     *
     * @throws TlsSetupException as {@link #load()}, or when it holds no certificate
     */
    public TrustManagerFactory trustManagers() throws TlsSetupException {
        KeyStore store = load();
        try {
            if (store.size() == 0) {
                throw new TlsSetupException("trust store " + path + " holds no certificate", null);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot use trust store " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JVM's default trust: {@code javax.net.ssl.trustStore} when set, else the JDK's CA certificates.
     *
     * @throws TlsSetupException when that store cannot be read
     */
    public static TrustManagerFactory jvmDefaultTrust() throws TlsSetupException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot read the JVM's default trust store: " + e.getMessage(), e);
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private char[] chars() {
        return password == null ? null : password.toCharArray();
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "KeyStoreFile[" + path + ", " + type + "]";
    }
}
