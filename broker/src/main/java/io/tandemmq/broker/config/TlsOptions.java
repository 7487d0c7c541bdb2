package io.tandemmq.broker.config;

import io.tandemmq.protocol.tls.KeyStoreFile;
import io.tandemmq.protocol.tls.TlsSetupException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the TLS and heartbeat-link protection options of {@code run}. The stores are opened here,
 * so that a missing file or a wrong password stops the broker at once with one line naming the
 * option, not at the first connection.
 */
final class TlsOptions {

    private TlsOptions() {
    }

    /** The client port's TLS settings, or null when {@code --tls-keystore} is not given. */
    static TlsConfig read(Map<String, String> values, List<String> problems) {
        KeyStoreFile keys = store(values, "tls-keystore", problems);
        KeyStoreFile trust = store(values, "tls-truststore", problems);
        TlsConfig.ClientAuth auth = clientAuth(values.get("tls-client-auth"), problems);
        if (keys == null) {
            for (String other : List.of("tls-truststore", "tls-client-auth")) {
                if (values.containsKey(other)) {
                    problems.add("--" + other + " needs --tls-keystore (TLS is off without a key)");
                }
            }
            return null;
        }
        if (check(keys, "tls-keystore", true, problems) && trust != null) {
            check(trust, "tls-truststore", false, problems);
        }
        return new TlsConfig(keys, trust, auth);
    }

    private static KeyStoreFile store(Map<String, String> values, String option, List<String> problems) {
        String path = values.get(option);
        for (String suffix : List.of("-password", "-type")) {
            if (path == null && values.containsKey(option + suffix)) {
                problems.add("--" + option + suffix + " needs --" + option);
            }
        }
        if (path == null) {
            return null;
        }
        if (path.isBlank()) {
            problems.add("--" + option + " needs a file");
            return null;
        }
        return new KeyStoreFile(path, values.get(option + "-password"), values.get(option + "-type"));
    }

    /** Opens the store as the broker will; reports a failure under the option it concerns. */
    private static boolean check(KeyStoreFile store, String option, boolean needsKey, List<String> problems) {
        try {
            if (needsKey) {
                store.keyManagers();
            } else {
                store.trustManagers();
            }
            return true;
        } catch (TlsSetupException e) {
            String m = e.getMessage();
            boolean password = m.startsWith("wrong password") || m.contains("with the store's password");
            problems.add("--" + option + (password ? "-password" : "") + ": " + m);
            return false;
        }
    }

    private static TlsConfig.ClientAuth clientAuth(String text, List<String> problems) {
        if (text == null) {
            return TlsConfig.ClientAuth.NONE;
        }
        try {
            return TlsConfig.ClientAuth.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--tls-client-auth: '" + text + "' is not none, optional or required");
            return TlsConfig.ClientAuth.NONE;
        }
    }

    /** {@code --peer-tls true}: needs the broker's key and a trust store to check the partner's certificate. */
    static boolean peerTls(Map<String, String> values, TlsConfig tls, List<String> problems) {
        String text = values.get("peer-tls");
        if (text == null || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (!text.equalsIgnoreCase("true")) {
            problems.add("--peer-tls: '" + text + "' is not true or false");
            return false;
        }
        if (tls == null || tls.trustStore() == null) {
            problems.add("--peer-tls needs --tls-keystore and --tls-truststore (the certificates the partner's"
                    + " certificate must chain to)");
        }
        return true;
    }

    /** The secret in {@code --peer-secret-file} (without a trailing line break), or null when not given. */
    static PeerSecret peerSecret(Map<String, String> values, List<String> problems) {
        String file = values.get("peer-secret-file");
        if (file == null) {
            return null;
        }
        try {
            String text = Files.readString(Path.of(file)).strip();
            if (text.length() < PeerSecret.MIN_LENGTH) {
                problems.add("--peer-secret-file: " + file + " holds " + text.length() + " characters; a peer secret"
                        + " needs at least " + PeerSecret.MIN_LENGTH);
                return null;
            }
            return new PeerSecret(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            problems.add("--peer-secret-file: " + file + " does not exist");
        } catch (IOException | RuntimeException e) {
            problems.add("--peer-secret-file: cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }
}
