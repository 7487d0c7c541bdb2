package io.tandemmq.client.transport;

import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.tls.ClientTlsSettings;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed client URL {@code tandem://host1:port1,host2:port2?option=value&...} (or
 * {@code tandems://...} for TLS). Immutable.
 * Unknown options and bad values are rejected with every problem named at once.
 *
 * <p>Options: {@code clientID}, {@code user}, {@code password}, {@code prefetch} (messages a
 * consumer may hold unread, default 100), {@code connectTimeout} (ms, default 5000),
 * {@code requestTimeout} (ms a request may wait for its answer, default 30000), {@code pingInterval}
 * (ms, default 5000), {@code deadPeerTimeout} (ms of silence before the server counts as dead,
 * default 30000), {@code maxFrameSize} (bytes), {@code blockOnNonPersistentSend} (default false),
 * and for failover {@code reconnectAttempts} (-1: unlimited within the total time),
 * {@code reconnectInitialInterval} (ms, default 25), {@code reconnectMaxInterval} (ms, default 250)
 * and {@code reconnectTotalTime} (ms, default 60000; 0 turns failover off).
 *
 * <p>Client-side persistence: {@code clientPersistence} (a directory; unset: off) and
 * {@code clientPersistenceMaxBytes} (bytes the directory may hold, default 1 GiB, at least 64 KiB).
 * With a directory, failover never gives up (the connection runs offline instead).
 *
 * <p>TLS: the {@code tandems://} scheme or {@code ssl=true}, with the options of
 * {@link ClientTlsSettings}.
 */
public final class ClientOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SCHEME = "tandem://";
    /** The scheme of a URL whose connections run TLS. */
    public static final String TLS_SCHEME = ClientTlsSettings.SCHEME;

    private final String url;
    private final List<ServerAddress> servers;
    private final String clientId;
    private final String user;
    private final String password;
    private final int prefetch;
    private final long connectTimeoutMillis;
    private final long requestTimeoutMillis;
    private final long pingIntervalMillis;
    private final long deadPeerMillis;
    private final int maxFrameSize;
    private final boolean blockOnNonPersistentSend;
    private final int reconnectAttempts;
    private final long reconnectInitialIntervalMillis;
    private final long reconnectMaxIntervalMillis;
    private final long reconnectTotalTimeMillis;
    /** Kept as text: a {@link Path} is not serializable, and the factory must be. */
    private final String clientPersistence;
    private final long clientPersistenceMaxBytes;
    /** Null when the connections run in clear text. */
    private final ClientTlsSettings tls;

    private ClientOptions(String url, List<ServerAddress> servers, Map<String, String> o, List<String> problems) {
        this.url = url;
        this.tls = ClientTlsSettings.of(url.startsWith(TLS_SCHEME), o::get, problems);
        this.servers = List.copyOf(servers);
        this.clientId = o.get("clientID");
        this.user = o.get("user");
        this.password = o.get("password");
        this.prefetch = (int) number(o, "prefetch", 100, 1, 1_000_000, problems);
        this.connectTimeoutMillis = number(o, "connectTimeout", 5_000, 1, 3_600_000, problems);
        this.requestTimeoutMillis = number(o, "requestTimeout", 30_000, 1, 86_400_000, problems);
        this.pingIntervalMillis = number(o, "pingInterval", 5_000, 50, 3_600_000, problems);
        this.deadPeerMillis = number(o, "deadPeerTimeout", 30_000, 100, 86_400_000, problems);
        this.maxFrameSize = (int) number(o, "maxFrameSize", ProtocolVersion.DEFAULT_MAX_FRAME_SIZE, 1024,
                Integer.MAX_VALUE - 16, problems);
        this.blockOnNonPersistentSend = bool(o, "blockOnNonPersistentSend", false, problems);
        this.reconnectAttempts = (int) number(o, "reconnectAttempts", -1, -1, Integer.MAX_VALUE, problems);
        this.reconnectInitialIntervalMillis = number(o, "reconnectInitialInterval", 25, 1, 3_600_000, problems);
        this.reconnectMaxIntervalMillis = number(o, "reconnectMaxInterval", 250, 1, 3_600_000, problems);
        this.reconnectTotalTimeMillis = number(o, "reconnectTotalTime", 60_000, 0, 86_400_000, problems);
        this.clientPersistence = directory(o, "clientPersistence", problems);
        this.clientPersistenceMaxBytes = number(o, "clientPersistenceMaxBytes", DEFAULT_PERSISTENCE_MAX_BYTES,
                MIN_PERSISTENCE_MAX_BYTES, Long.MAX_VALUE, problems);
        if (clientPersistence == null && o.containsKey("clientPersistenceMaxBytes")) {
            problems.add("clientPersistenceMaxBytes needs clientPersistence=DIRECTORY");
        }
        if (reconnectMaxIntervalMillis < reconnectInitialIntervalMillis) {
            problems.add("reconnectMaxInterval must not be below reconnectInitialInterval");
        }
        if (deadPeerMillis <= pingIntervalMillis) {
            problems.add("deadPeerTimeout must be longer than pingInterval");
        }
    }

    private static final List<String> KNOWN = List.of("clientID", "user", "password", "prefetch", "connectTimeout",
            "requestTimeout", "pingInterval", "deadPeerTimeout", "maxFrameSize", "blockOnNonPersistentSend", "reconnectAttempts",
            "reconnectInitialInterval", "reconnectMaxInterval", "reconnectTotalTime", "clientPersistence",
            "clientPersistenceMaxBytes", "ssl", "trustStore", "trustStorePassword", "trustStoreType", "keyStore",
            "keyStorePassword", "keyStoreType", "verifyHost");
    public static final long DEFAULT_PERSISTENCE_MAX_BYTES = 1L << 30;
    public static final long MIN_PERSISTENCE_MAX_BYTES = 64 * 1024;

    /**
     * @throws IllegalArgumentException naming every problem of the URL
     */
    public static ClientOptions parse(String url) {
        List<String> problems = new ArrayList<>();
        if (!isTandemUrl(url)) {
            throw new IllegalArgumentException("a Tandem URL starts with " + SCHEME + " or " + TLS_SCHEME + ": '"
                    + masked(url) + "'");
        }
        String rest = url.substring(url.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        List<ServerAddress> servers = parseServers(rest, problems);
        Map<String, String> options = parseQuery(query, problems);
        ClientOptions parsed = new ClientOptions(url, servers, options, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad URL " + masked(url) + ": " + String.join("; ", problems));
        }
        return parsed;
    }

    /** Whether the text starts with {@code tandem://} or {@code tandems://}. */
    public static boolean isTandemUrl(String url) {
        return url != null && (url.startsWith(SCHEME) || url.startsWith(TLS_SCHEME));
    }

    private static List<ServerAddress> parseServers(String list, List<String> problems) {
        List<ServerAddress> servers = new ArrayList<>();
        for (String s : list.split(",")) {
            s = s.trim();
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                problems.add("server '" + s + "' must be host:port");
                continue;
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(s.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    problems.add("port of '" + s + "' is outside 1..65535");
                } else {
                    servers.add(new ServerAddress(host, port));
                }
            } catch (NumberFormatException e) {
                problems.add("port of '" + s + "' is not a number");
            }
        }
        if (servers.isEmpty() && problems.isEmpty()) {
            problems.add("no server given");
        }
        return servers;
    }

    private static Map<String, String> parseQuery(String query, List<String> problems) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!KNOWN.contains(key)) {
                problems.add("unknown option '" + key + "' (known: " + String.join(", ", KNOWN) + ")");
                continue;
            }
            try {
                options.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // the value itself is not repeated: it may be a password
                problems.add("value of option '" + key + "' has a bad %-escape");
            }
        }
        return options;
    }

    private static long number(Map<String, String> o, String key, long dflt, long min, long max, List<String> problems) {
        String text = o.get(key);
        if (text == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                problems.add(key + "=" + v + " is outside " + min + ".." + max);
                return dflt;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(key + "='" + text + "' is not a whole number");
            return dflt;
        }
    }

    /** A directory name: not empty and a valid path on this system; whether it can be used is checked when a connection opens it. */
    private static String directory(Map<String, String> o, String key, List<String> problems) {
        String text = o.get(key);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            problems.add(key + " must name a directory");
            return null;
        }
        try {
            Path.of(text);
        } catch (InvalidPathException e) {
            problems.add(key + "='" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
        return text;
    }

    private static boolean bool(Map<String, String> o, String key, boolean dflt, List<String> problems) {
        String text = o.get(key);
        if (text == null) {
            return dflt;
        }
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            problems.add(key + "='" + text + "' is not true or false");
            return dflt;
        }
        return Boolean.parseBoolean(text);
    }

    public String url() {
        return url;
    }

    public List<ServerAddress> servers() {
        return servers;
    }

    public String clientId() {
        return clientId;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int prefetch() {
        return prefetch;
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    public long pingIntervalMillis() {
        return pingIntervalMillis;
    }

    public long deadPeerMillis() {
        return deadPeerMillis;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public boolean blockOnNonPersistentSend() {
        return blockOnNonPersistentSend;
    }

    /** Attempts before failover gives up; -1: as many as {@link #reconnectTotalTimeMillis()} allows. */
    public int reconnectAttempts() {
        return reconnectAttempts;
    }

    public long reconnectInitialIntervalMillis() {
        return reconnectInitialIntervalMillis;
    }

    public long reconnectMaxIntervalMillis() {
        return reconnectMaxIntervalMillis;
    }

    /** How long failover keeps trying; 0 turns failover off (a lost connection is final). */
    public long reconnectTotalTimeMillis() {
        return reconnectTotalTimeMillis;
    }

    /** The directory of client-side persistence, or null when it is off. */
    public Path clientPersistence() {
        return clientPersistence == null ? null : Path.of(clientPersistence);
    }

    public boolean clientPersistenceEnabled() {
        return clientPersistence != null;
    }

    /** The most the client-side store may hold on disk; a send that would exceed it is refused. */
    public long clientPersistenceMaxBytes() {
        return clientPersistenceMaxBytes;
    }

    /** The TLS settings, or null when connections run in clear text. */
    public ClientTlsSettings tls() {
        return tls;
    }

    @Override
    public String toString() {
        return masked(url);
    }

    /** The URL with the value of its password option hidden, for messages and logs. */
    private static String masked(String url) {
        return url == null ? null : url.replaceAll("(?i)(password)=[^&]*", "$1=***");
    }
}
