package io.tandemmq.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds a {@link BrokerConfig} from command-line options ({@code --port 61620}) and an optional
 * properties file ({@code --config FILE}, same keys without dashes). Command-line values win.
 * Every bad value is collected and reported at once, each with its option name.
 */
public final class BrokerConfigParser {
    public static final int DEFAULT_PORT = 61620;

    private static final Set<String> KEYS = Set.of("name", "host", "port", "data", "store", "store-user",
            "store-password", "store-password-file", "store-writers", "max-frame-size", "ping-interval", "dead-peer-timeout", "max-memory", "queue-window",
            "max-delivery-attempts", "dead-letter-queue", "expiry-queue", "transaction-timeout", "auth-cache-time", "peer-port", "partner",
            "heartbeat-interval", "heartbeat-misses", "lease-renew-interval", "lease-expiry", "config",
            "tls-keystore", "tls-keystore-password", "tls-keystore-type", "tls-truststore", "tls-truststore-password",
            "tls-truststore-type", "tls-client-auth", "peer-tls", "peer-secret-file", "log-level", "log-file",
            "http-port");
    public static final int DEFAULT_PEER_PORT = 61720;

    /** The options {@code run} accepts (without dashes), for its help texts to be checked against. */
    public static Set<String> options() {
        return KEYS;
    }

    private final List<String> problems = new ArrayList<>();

    /**
     * @throws ConfigException naming every unknown option and bad value
     */
    public static BrokerConfig parse(List<String> args) throws ConfigException {
        return new BrokerConfigParser().build(args);
    }

    private BrokerConfig build(List<String> args) throws ConfigException {
        Map<String, String> values = readArgs(args);
        if (values.containsKey("config")) {
            Map<String, String> fromFile = readFile(Path.of(values.get("config")));
            fromFile.putAll(values);
            values = fromFile;
        }
        String name = values.getOrDefault("name", "tandem");
        String host = values.getOrDefault("host", "127.0.0.1");
        int port = intValue(values, "port", DEFAULT_PORT, 0, 65535);
        Path data = Path.of(values.getOrDefault("data", "data"));
        String store = values.get("store");
        if (store != null) {
            storeKindProblem(store);
        }
        String storePassword = storePassword(values);
        int storeWriters = intValue(values, "store-writers", 2, 1, 64);
        int maxFrame = intValue(values, "max-frame-size", io.tandemmq.protocol.ProtocolVersion.DEFAULT_MAX_FRAME_SIZE,
                1024, Integer.MAX_VALUE - 16);
        long ping = longValue(values, "ping-interval", 5_000, 50, 3_600_000);
        long dead = longValue(values, "dead-peer-timeout", 30_000, 200, 86_400_000);
        if (dead <= ping) {
            problems.add("--dead-peer-timeout (" + dead + " ms) must be longer than --ping-interval (" + ping + " ms)");
        }
        long maxMemory = sizeValue(values, "max-memory", Runtime.getRuntime().maxMemory() / 2);
        int queueWindow = intValue(values, "queue-window", 5_000, 10, 10_000_000);
        int attempts = intValue(values, "max-delivery-attempts", 10, 0, Integer.MAX_VALUE);
        String dlq = nameValue(values, "dead-letter-queue", "DLQ");
        String expiry = values.containsKey("expiry-queue") && values.get("expiry-queue").isEmpty()
                ? null : nameValue(values, "expiry-queue", "ExpiryQueue");
        long txTimeout = longValue(values, "transaction-timeout", 300, 1, 86_400);
        long authCache = longValue(values, "auth-cache-time", 60_000, 0, 3_600_000);
        TlsConfig tls = TlsOptions.read(values, problems);
        HaConfig ha = haConfig(values, store, tls);
        LogConfig log = logConfig(values);
        int httpPort = values.containsKey("http-port") && values.get("http-port").trim().equalsIgnoreCase("off")
                ? -1 : intValue(values, "http-port", -1, 0, 65535);
        if (httpPort > 0 && httpPort == port) {
            // else the second bind fails and blames "another program"
            problems.add("--port and --http-port name the same port " + port + ": give them different ports");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BrokerConfig(name, host, port, data, store, values.get("store-user"), storePassword, storeWriters,
                maxFrame, ping, dead, maxMemory, queueWindow, attempts, dlq, expiry, txTimeout * 1000, authCache, ha, tls, log,
                httpPort);
    }

    private LogConfig logConfig(Map<String, String> values) {
        Path file = values.containsKey("log-file") ? Path.of(values.get("log-file")) : null;
        if (file != null && Files.isDirectory(file)) {
            problems.add("--log-file: " + file + " is a folder; give a file name (it is rolled as FILE.0, FILE.1...)");
        }
        try {
            return new LogConfig(values.getOrDefault("log-level", "info"), file);
        } catch (IllegalArgumentException e) {
            problems.add("--log-level: " + e.getMessage());
            return LogConfig.DEFAULT;
        }
    }

    private void storeKindProblem(String store) {
        try {
            io.tandemmq.broker.store.SqlDialect.forUrl(store);
        } catch (io.tandemmq.broker.store.StoreException e) {
            problems.add("--store: " + e.getMessage());
        }
    }

    /** From {@code --store-password-file}, or {@code store-password} in a {@code --config} file. */
    private String storePassword(Map<String, String> values) {
        String file = values.get("store-password-file");
        if (file == null) {
            return values.get("store-password");
        }
        if (values.containsKey("store-password")) {
            problems.add("--store-password-file: give the store password once (the file, or store-password in --config)");
        }
        try {
            return PasswordFile.read(Path.of(file));
        } catch (IOException | IllegalArgumentException e) {
            problems.add("--store-password-file: " + e.getMessage());
            return null;
        }
    }

    private HaConfig haConfig(Map<String, String> values, String store, TlsConfig tls) {
        int peerPort = intValue(values, "peer-port", DEFAULT_PEER_PORT, 0, 65535);
        String partner = values.get("partner");
        String partnerHost = null;
        int partnerPort = 0;
        if (partner != null) {
            int colon = partner.lastIndexOf(':');
            if (colon <= 0) {
                problems.add("--partner: '" + partner + "' must be HOST:PEERPORT");
            } else {
                partnerHost = partner.substring(0, colon);
                partnerPort = intValue(Map.of("partner port", partner.substring(colon + 1)), "partner port", 0, 1, 65535);
            }
            if (store == null) {
                problems.add("--partner needs --store: the two servers of a pair share one store (see store-server)");
            }
        }
        long interval = longValue(values, "heartbeat-interval", 100, 10, 60_000);
        int misses = intValue(values, "heartbeat-misses", 3, 1, 1000);
        long renew = longValue(values, "lease-renew-interval", 100, 10, 60_000);
        long expiry = longValue(values, "lease-expiry", 500, 50, 600_000);
        if (expiry <= renew * 2) {
            problems.add("--lease-expiry (" + expiry + " ms) must be more than twice --lease-renew-interval (" + renew + " ms)");
        }
        boolean peerTls = TlsOptions.peerTls(values, tls, problems);
        PeerSecret secret = TlsOptions.peerSecret(values, problems);
        return new HaConfig(peerPort, partnerHost, partnerPort, interval, misses, renew, expiry, peerTls, secret);
    }

    private Map<String, String> readArgs(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                problems.add("unexpected argument '" + arg + "'");
                continue;
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else if (!KEYS.contains(key)) {
                // an unknown option followed by the next option: report it, keep the next one
                problems.add("unknown option --" + key);
                continue;
            } else {
                problems.add("--" + key + " needs a value");
                continue;
            }
            if (!KEYS.contains(key)) {
                problems.add("unknown option --" + key);
                continue;
            }
            if (key.equals("store-password")) {
                problems.add("--store-password: give the password in a file with --store-password-file FILE"
                        + " (a password on the command line is visible to every user of the machine)");
                continue;
            }
            values.put(key, value);
        }
        return values;
    }

    private Map<String, String> readFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            problems.add("--config: cannot read " + file + ": " + e.getMessage());
            return values;
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key) || key.equals("config")) {
                problems.add(file + ": unknown key '" + key + "'");
            } else {
                values.put(key, p.getProperty(key).trim());
            }
        }
        return values;
    }

    private int intValue(Map<String, String> values, String key, int dflt, int min, int max) {
        return (int) longValue(values, key, dflt, min, max);
    }

    private long longValue(Map<String, String> values, String key, long dflt, long min, long max) {
        String text = values.get(key);
        if (text == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                problems.add("--" + key + ": " + v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add("--" + key + ": '" + text + "' is not a whole number");
            return dflt;
        }
    }

    /** A byte size such as {@code 512m}, {@code 2g}, {@code 65536}. */
    private long sizeValue(Map<String, String> values, String key, long dflt) {
        String text = values.get(key);
        if (text == null) {
            return dflt;
        }
        String t = text.trim().toLowerCase();
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * unit;
            if (v < 1024 * 1024) {
                problems.add("--" + key + ": " + text + " is below the minimum of 1m");
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add("--" + key + ": '" + text + "' is not a size (like 256m or 1g)");
            return dflt;
        }
    }

    private String nameValue(Map<String, String> values, String key, String dflt) {
        String v = values.getOrDefault(key, dflt);
        String problem = io.tandemmq.protocol.DestinationRef.nameProblem(v);
        if (problem != null) {
            problems.add("--" + key + ": " + problem);
        }
        return v;
    }
}
