package io.tandemmq.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores for TLS tests, made by the running JDK's {@code keytool} under
 * {@code target/it-keys} once per test JVM (nothing binary is committed):
 *
 * <ul>
 *   <li>{@link #brokerKeys()}: the brokers' key, a self-signed EC certificate for 127.0.0.1 and
 *       localhost; {@link #brokerTrust()} trusts it;</li>
 *   <li>{@link #strangerKeys()}: another self-signed key nobody trusts; {@link #strangerTrust()}
 *       trusts only that one (a client with it does not trust the brokers).</li>
 * </ul>
 *
 * Every store's password is {@link #PASSWORD}; all are PKCS12.
 */
final class TestKeyStores {
    static final String PASSWORD = "it-store-pass";
    private static TestKeyStores made;

    private final Path dir;

    private TestKeyStores(Path dir) {
        this.dir = dir;
    }

    /** The stores, made at the first call. */
    static synchronized TestKeyStores get() throws IOException, InterruptedException {
        if (made == null) {
            Path dir = Files.createDirectories(Path.of("target", "it-keys"));
            TestKeyStores k = new TestKeyStores(Files.createTempDirectory(dir, "keys").toAbsolutePath());
            k.pair("broker", "CN=tandem-it-broker", "ip:127.0.0.1,dns:localhost");
            k.pair("stranger", "CN=tandem-it-stranger", "dns:stranger.invalid");
            made = k;
        }
        return made;
    }

    private void pair(String name, String dname, String san) throws IOException, InterruptedException {
        Path keys = dir.resolve(name + ".p12");
        Path cert = dir.resolve(name + ".crt");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "SAN=" + san, "-validity", "7", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", name, "-rfc", "-file", cert.toString(), "-keystore", keys.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", dir.resolve(name + "-trust.p12").toString(), "-storepass", PASSWORD);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    Path brokerKeys() {
        return dir.resolve("broker.p12");
    }

    Path brokerTrust() {
        return dir.resolve("broker-trust.p12");
    }

    Path strangerKeys() {
        return dir.resolve("stranger.p12");
    }

    Path strangerTrust() {
        return dir.resolve("stranger-trust.p12");
    }

    /** The {@code run} options of a broker whose client port runs TLS with {@link #brokerKeys()}. */
    List<String> brokerTlsArgs() {
        return List.of("--tls-keystore", brokerKeys().toString(), "--tls-keystore-password", PASSWORD);
    }

    /** URL options of a client that trusts the brokers: {@code trustStore=...&trustStorePassword=...}. */
    String clientTrust() {
        return "trustStore=" + brokerTrust() + "&trustStorePassword=" + PASSWORD;
    }
}
