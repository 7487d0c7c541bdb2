package io.tandemmq.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker pair as separate processes of the built jar: a store (a Derby store server, or a
 * private PostgreSQL server when {@link StoreKind#configured()} says so) and two brokers
 * ({@code a} and {@code b}) on free ports of 127.0.0.1, each with its own data folder under the
 * given parent. The brokers' heartbeat links go through a {@link PeerLinkProxy} per direction, so a
 * test can cut only the heartbeat link. {@link #start} returns once one broker is active and the
 * other passive; {@link #close()} stops every process (frozen ones too), whatever happened.
 *
 * <p>Roles come from the brokers' role lines ({@code tandem: <name> <role> <url>}); each node
 * keeps its latest role and the history, since roles change. Every line a process prints is kept
 * and written to {@code <name>.out} in the parent folder.
 */
public final class PairProcesses implements AutoCloseable {
    private static final Pattern ROLE_LINE = Pattern.compile("^tandem: (\\S+) (\\S+) (tandems?://\\S+)$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_WAIT_SECONDS = 15;
    private static final String HOST = "127.0.0.1";

    /** One role line, with the moment the test read it. */
    public record RoleLine(String role, long nanos, int lineIndex) { }

    /** The lease row as the store holds it. */
    public record LeaseRow(String owner, long epoch, boolean released) {
        /** The server name part of the owner ({@code a} of {@code a/<uuid>}). */
        public String ownerName() {
            return owner == null ? null : owner.substring(0, owner.indexOf('/'));
        }
    }

    /** One process of the pair: the store server or a broker, across its restarts. */
    public static final class Node {
        private final String name;
        private final int clientPort;
        private final int peerPort;
        private int httpPort = -1;
        private final String scheme;
        private final List<String> args;
        private final Path log;
        private final Object monitor;
        private final List<String> lines = new ArrayList<>();
        private final List<RoleLine> roles = new ArrayList<>();
        private volatile Process process;
        private volatile String role;
        private volatile boolean ready;
        private volatile boolean frozen;

        private Node(String name, int clientPort, int peerPort, List<String> args, Path log, Object monitor) {
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
            // a broker given a key store serves clients with TLS
            this.scheme = args.contains("--tls-keystore") ? "tandems://" : "tandem://";
            this.args = new ArrayList<>(args);
            this.log = log;
            this.monitor = monitor;
        }

        public String name() {
            return name;
        }

        /** {@code tandem://127.0.0.1:<client port>} ({@code tandems://} with TLS): this server alone. */
        public String url() {
            return scheme + HOST + ":" + clientPort;
        }

        public int clientPort() {
            return clientPort;
        }

        /** This broker's heartbeat port (its partner reaches it through a {@link PeerLinkProxy}). */
        /** The monitoring port ({@code --http-port}): /metrics, /health and the console. */
        public int httpPort() {
            return httpPort;
        }

        public int peerPort() {
            return peerPort;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        /** The latest role line's role; null before the first (and after a restart), "killed" after kill. */
        public String role() {
            return role;
        }

        /** How many output lines there are so far: a mark for {@link #linesSince} and {@link #rolesSince}. */
        public int mark() {
            synchronized (monitor) {
                return lines.size();
            }
        }

        public List<String> linesSince(int mark) {
            synchronized (monitor) {
                return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
            }
        }

        public List<String> rolesSince(int mark) {
            synchronized (monitor) {
                return roles.stream().filter(r -> r.lineIndex() >= mark).map(RoleLine::role).toList();
            }
        }

        /** The last {@code n} output lines, for failure messages. */
        public String tail(int n) {
            synchronized (monitor) {
                return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
            }
        }

        @Override
        public String toString() {
            return name + "(" + role + ")";
        }
    }

    private final Object monitor = new Object();
    private final Path dir;
    private final String jar;
    private final Node store;
    private final StoreKind kind;
    /** The PostgreSQL server holding the store, or null on Derby. */
    private PostgresServer postgres;
    /** The replicated PostgreSQL holding the store, or null; {@link #postgres} is its first primary. */
    private ReplicatedPostgres replicated;
    private String storeUrl;
    private final Node a;
    private final Node b;
    private final PeerLinkProxy toA;
    private final PeerLinkProxy toB;
    private final int storePort;
    /** The brokers' heap and other JVM options. */
    private final List<String> jvmOptions;

    private PairProcesses(StoreKind kind, Path dir, int storePort, int[] clientPorts, int[] peerPorts, PeerLinkProxy toA,
                          PeerLinkProxy toB, List<String> jvmOptions, List<String> extraArgs) {
        this.kind = kind;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dir = dir;
        this.jar = System.getProperty("tandem.broker.jar", "target/tandem-broker.jar");
        this.storePort = storePort;
        this.toA = toA;
        this.toB = toB;
        this.store = new Node("store", -1, -1, List.of("store-server", "--host", HOST, "--port", String.valueOf(storePort),
                "--data", dir.resolve("store").toString()), dir.resolve("store.out"), monitor);
        this.a = new Node("a", clientPorts[0], peerPorts[0], brokerArgs("a", clientPorts[0], peerPorts[0], toB.port(),
                extraArgs), dir.resolve("a.out"), monitor);
        this.b = new Node("b", clientPorts[1], peerPorts[1], brokerArgs("b", clientPorts[1], peerPorts[1], toA.port(),
                extraArgs), dir.resolve("b.out"), monitor);
    }

    /** The store options come last, from {@link #storeArgs()}, once the store runs. */
    private List<String> brokerArgs(String name, int clientPort, int peerPort, int partnerPort, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("run", "--name", name, "--host", HOST,
                "--port", String.valueOf(clientPort), "--peer-port", String.valueOf(peerPort),
                "--partner", HOST + ":" + partnerPort, "--data", dir.resolve(name).toString()));
        args.addAll(extraArgs);
        return args;
    }

    /**
     * Starts the store server and both brokers and waits until one broker is active and the other
     * passive.
     *
     * @param extraBrokerArgs more {@code run} options for both brokers (HA timings, for example)
     */
    public static PairProcesses start(Path parent, String... extraBrokerArgs) throws IOException, InterruptedException {
        return start(parent, storeUrl -> { }, extraBrokerArgs);
    }

    /** Work done on the store before the brokers start, such as the offline commands that bootstrap an administrator. */
    public interface StoreSetup {
        /** @param storeArgs {@code --store URL} and the credentials options, for the offline commands */
        void prepare(List<String> storeArgs) throws IOException, InterruptedException;
    }

    /**
     * Like {@link #start(Path, String...)}, with {@code setup} run once the store server is up
     * and before either broker starts.
     */
    public static PairProcesses start(Path parent, StoreSetup setup, String... extraBrokerArgs)
            throws IOException, InterruptedException {
        return start(StoreKind.configured(), parent, setup, extraBrokerArgs);
    }

    /** Like {@link #start(Path, StoreSetup, String...)} on the given kind of store. */
    public static PairProcesses start(StoreKind kind, Path parent, StoreSetup setup, String... extraBrokerArgs)
            throws IOException, InterruptedException {
        return start(kind, parent, setup, List.of("-Xmx256m"), extraBrokerArgs);
    }

    /**
     * Like {@link #start(StoreKind, Path, StoreSetup, String...)} with the brokers' JVM options (their
     * heap; {@link ChildJvm#FULL_COMPILER} for a heavy load, which the store server then gets too).
     */
    public static PairProcesses start(StoreKind kind, Path parent, StoreSetup setup, List<String> jvmOptions,
                                      String... extraBrokerArgs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "pair");
        int[] ports = FreePorts.pick(7);
        PeerLinkProxy toA = new PeerLinkProxy("to-a", ports[3]);
        PeerLinkProxy toB;
        try {
            toB = new PeerLinkProxy("to-b", ports[4]);
        } catch (IOException e) {
            toA.close();
            throw e;
        }
        PairProcesses pair = new PairProcesses(kind, dir, ports[0], new int[] {ports[1], ports[2]},
                new int[] {ports[3], ports[4]}, toA, toB, jvmOptions, List.of(extraBrokerArgs));
        pair.a.httpPort = ports[5];
        pair.b.httpPort = ports[6];
        pair.a.args.addAll(List.of("--http-port", String.valueOf(ports[5])));
        pair.b.args.addAll(List.of("--http-port", String.valueOf(ports[6])));
        try {
            pair.startStore();
            setup.prepare(pair.storeArgs());
            pair.a.args.addAll(pair.storeArgs());
            pair.b.args.addAll(pair.storeArgs());
            pair.launch(pair.a);
            pair.launch(pair.b);
            pair.awaitCondition(() -> pair.roleOf(pair.a, pair.b, "active", "passive")
                    || pair.roleOf(pair.b, pair.a, "active", "passive"), START_TIMEOUT,
                    "one broker active and the other passive", pair.a, pair.b);
            return pair;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    private void startStore() throws IOException, InterruptedException {
        if (kind == StoreKind.POSTGRESQL_REPLICATED) {
            try {
                replicated = ReplicatedPostgres.start(dir);
            } catch (java.sql.SQLException e) {
                throw new IOException("the replicated PostgreSQL servers did not start: " + e.getMessage(), e);
            }
            postgres = replicated.primary();
            storeUrl = replicated.jdbcUrl();
        } else if (kind == StoreKind.POSTGRESQL) {
            try {
                postgres = PostgresServer.start(dir);
            } catch (java.sql.SQLException e) {
                throw new IOException("the PostgreSQL server did not start: " + e.getMessage(), e);
            }
            storeUrl = postgres.jdbcUrl();
        } else {
            launch(store);
            awaitCondition(() -> store.ready, START_TIMEOUT, "the store server to start", store);
            storeUrl = "jdbc:derby://" + HOST + ":" + storePort + "/tandem;create=true";
        }
    }

    private boolean roleOf(Node x, Node y, String xRole, String yRole) {
        return xRole.equals(x.role) && yRole.equals(y.role);
    }

    /** The store server serves its brokers' load: it compiles as they do. */
    private List<String> storeJvmOptions() {
        return jvmOptions.contains(ChildJvm.FULL_COMPILER) ? List.of("-Xmx256m", ChildJvm.FULL_COMPILER) : List.of("-Xmx256m");
    }

    private void launch(Node node) throws IOException {
        List<String> cmd = ChildJvm.java(node == store ? storeJvmOptions() : jvmOptions);
        cmd.addAll(List.of("-jar", jar));
        cmd.addAll(node.args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the jar's children stop by themselves when this JVM dies without closing the pair
        pb.environment().put("TANDEM_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        Process p = pb.start();
        synchronized (monitor) {
            node.process = p;
            node.role = null;
            node.ready = false;
            node.frozen = false;
        }
        Thread pump = new Thread(() -> pump(node, p), "pair-output-" + node.name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(Node node, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(node.log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            w.write("---- started, pid " + p.pid() + "\n");
            w.flush();
            String line;
            while ((line = r.readLine()) != null) {
                long now = System.nanoTime();
                w.write(line);
                w.write('\n');
                w.flush();
                synchronized (monitor) {
                    node.lines.add(line);
                    if (node.process == p) {
                        Matcher m = ROLE_LINE.matcher(line);
                        if (m.matches() && m.group(1).equals(node.name)) {
                            node.role = m.group(2);
                            node.roles.add(new RoleLine(m.group(2), now, node.lines.size() - 1));
                        } else if (line.startsWith("tandem: store-server jdbc:")) {
                            node.ready = true;
                        }
                    }
                    monitor.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    // ---- what tests ask ----

    public Node a() {
        return a;
    }

    public Node b() {
        return b;
    }

    public Node store() {
        return store;
    }

    /** The port of the Derby network server that holds the store (other databases may live there too); Derby only. */
    public int storePort() {
        if (kind != StoreKind.DERBY) {
            throw new IllegalStateException("this pair's store is " + kind);
        }
        return storePort;
    }

    public StoreKind storeKind() {
        return kind;
    }

    /** The store's JDBC URL. */
    public String storeUrl() {
        return storeUrl;
    }

    /** {@code --store URL} and, on PostgreSQL, {@code --store-user} and {@code --store-password-file}. */
    public List<String> storeArgs() {
        List<String> args = new ArrayList<>(List.of("--store", storeUrl));
        if (postgres != null) {
            args.addAll(List.of("--store-user", postgres.user(), "--store-password-file", postgres.passwordFile().toString()));
        }
        return args;
    }

    /** A command's words followed by the store options, for the offline commands of the jar. */
    public static String[] withStore(List<String> storeArgs, String... words) {
        List<String> all = new ArrayList<>(List.of(words));
        all.addAll(storeArgs);
        return all.toArray(String[]::new);
    }

    /** The PostgreSQL server holding the store; fails on Derby and on a replicated store (see {@link #replicated()}). */
    public PostgresServer postgres() {
        if (postgres == null || replicated != null) {
            throw new IllegalStateException("this pair's store is " + kind);
        }
        return postgres;
    }

    /** The primary and standby holding the store; fails unless the store is {@link StoreKind#POSTGRESQL_REPLICATED}. */
    public ReplicatedPostgres replicated() {
        if (replicated == null) {
            throw new IllegalStateException("this pair's store is " + kind);
        }
        return replicated;
    }

    /** {@code tandem://127.0.0.1:<a>,127.0.0.1:<b>} ({@code tandems://} with TLS). */
    public String url() {
        return a.scheme + HOST + ":" + a.clientPort + "," + HOST + ":" + b.clientPort;
    }

    public Node other(Node node) {
        return node == a ? b : a;
    }

    /** The broker whose latest role line says active; fails when none or both do. */
    public Node active() {
        synchronized (monitor) {
            boolean aActive = "active".equals(a.role);
            boolean bActive = "active".equals(b.role);
            if (aActive == bActive) {
                throw new AssertionError("expected exactly one active broker, found a=" + a.role + " b=" + b.role);
            }
            return aActive ? a : b;
        }
    }

    /** The broker whose latest role line says passive; fails when none or both do. */
    public Node passive() {
        synchronized (monitor) {
            boolean aPassive = "passive".equals(a.role);
            boolean bPassive = "passive".equals(b.role);
            if (aPassive == bPassive) {
                throw new AssertionError("expected exactly one passive broker, found a=" + a.role + " b=" + b.role);
            }
            return aPassive ? a : b;
        }
    }

    /**
     * Waits until the broker's latest role is {@code role}.
     *
     * @return when the test read that role line ({@link System#nanoTime()})
     */
    public long awaitRole(Node node, String role, Duration timeout) throws InterruptedException {
        awaitCondition(() -> role.equals(node.role), timeout, node.name + " to be " + role, node);
        synchronized (monitor) {
            return node.roles.get(node.roles.size() - 1).nanos();
        }
    }

    /** Waits until either broker is active; returns it. */
    public Node awaitActive(Duration timeout) throws InterruptedException {
        awaitCondition(() -> "active".equals(a.role) || "active".equals(b.role), timeout, "a broker to be active", a, b);
        return active();
    }

    /** Waits until {@code node} printed a line matching {@code pattern} at or after {@code mark}. */
    public String awaitLine(Node node, int mark, Pattern pattern, Duration timeout) throws InterruptedException {
        String[] found = new String[1];
        awaitCondition(() -> {
            for (String line : node.linesSince(mark)) {
                if (pattern.matcher(line).find()) {
                    found[0] = line;
                    return true;
                }
            }
            return false;
        }, timeout, node.name + " to print /" + pattern + "/", node);
        return found[0];
    }

    private void awaitCondition(BooleanSupplier condition, Duration timeout, String what, Node... watched)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                for (Node n : watched) {
                    Process p = n.process;
                    if (p != null && !p.isAlive() && !"killed".equals(n.role)) {
                        throw new AssertionError("waiting for " + what + ": " + n.name + " exited with code "
                                + p.exitValue() + "\n" + describe());
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                            + "\n" + describe());
                }
                monitor.wait(Math.min(left, 200));
            }
        }
    }

    /** The last lines of every process, for failure messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder("pair in " + dir + " on " + kind);
        if (postgres != null) {
            sb.append("\n---- postgresql\n").append(postgres.logTail(15));
        }
        for (Node n : List.of(store, a, b)) {
            sb.append("\n---- ").append(n.name).append(" (role ").append(n.role).append(", ")
                    .append(n.isAlive() ? "alive" : "not running").append(")\n").append(n.tail(25));
        }
        return sb.toString();
    }

    // ---- what tests do to the processes ----

    /** SIGKILL, and waits until the process is gone. */
    public void kill(Node node) throws InterruptedException {
        Process p = node.process;
        synchronized (monitor) {
            node.role = "killed";
        }
        if (p != null && p.isAlive()) {
            p.toHandle().destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        node.frozen = false;
    }

    /** Starts the broker again with the same options and data folder; does not wait for its role. */
    public void restart(Node node) throws IOException, InterruptedException {
        if (node.isAlive()) {
            stop(node);
        }
        launch(node);
    }

    /** Stops the store server in an orderly way; waits until it is gone. */
    public void stopStore() throws IOException, InterruptedException {
        requireOneServer();
        if (postgres != null) {
            postgres.stop();
        } else {
            stop(store);
        }
    }

    /** SIGKILL to the store server (on PostgreSQL, to every process of it at once). */
    public void killStore() throws IOException, InterruptedException {
        requireOneServer();
        if (postgres != null) {
            postgres.kill();
        } else {
            kill(store);
        }
    }

    /** Starts the store server again on the same port and data folder; waits until it accepts connections. */
    public void restartStore() throws IOException, InterruptedException {
        requireOneServer();
        if (postgres != null) {
            postgres.restart();
            return;
        }
        restart(store);
        awaitCondition(() -> store.ready, START_TIMEOUT, "the store server to start again", store);
    }

    private void requireOneServer() {
        if (replicated != null) {
            throw new IllegalStateException("the store is replicated: stop, kill or promote its servers through replicated()");
        }
    }

    /** SIGSTOP: the process stops where it is, sockets open, until {@link #thaw}. */
    public void freeze(Node node) throws IOException, InterruptedException {
        signal(node, "-STOP");
        node.frozen = true;
    }

    /** SIGCONT. */
    public void thaw(Node node) throws IOException, InterruptedException {
        signal(node, "-CONT");
        node.frozen = false;
    }

    private static void signal(Node node, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(node.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + node.pid() + " failed");
        }
    }

    /** Cuts the heartbeat link in both directions; the brokers still reach the store and clients. */
    public void cutHeartbeatLink() {
        toA.cut();
        toB.cut();
    }

    public void restoreHeartbeatLink() {
        toA.restore();
        toB.restore();
    }

    // ---- the store, read directly ----

    /** A JDBC connection to the shared store. */
    public Connection openStore() throws SQLException {
        if (replicated != null) {
            return DriverManager.getConnection(replicated.jdbcUrl(), postgres.user(), postgres.password());
        }
        if (postgres != null) {
            return postgres.open();
        }
        return DriverManager.getConnection("jdbc:derby://" + HOST + ":" + storePort + "/tandem");
    }

    /**
     * The lease row, read without waiting for locks (read uncommitted): a frozen server holding
     * the row lock cannot block the test.
     */
    public LeaseRow readLease() throws SQLException {
        try (Connection c = openStore()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT OWNER, EPOCH, RELEASED FROM TQ_LEASE WHERE ID = 1")) {
                if (!rs.next()) {
                    throw new SQLException("no lease row");
                }
                return new LeaseRow(rs.getString(1), rs.getLong(2), rs.getInt(3) != 0);
            }
        }
    }

    // ---- stopping ----

    private void stop(Node node) throws InterruptedException {
        Process p = node.process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (node.frozen) {
            try {
                thaw(node);
            } catch (IOException e) {
                p.toHandle().destroyForcibly();
            }
        }
        p.toHandle().destroy();
        if (!p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.toHandle().destroyForcibly();
            p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Stops both brokers, then the store server, then the proxies; safe to call twice. */
    @Override
    public void close() throws InterruptedException {
        try {
            for (Node n : List.of(a, b)) {
                if (n.frozen) {
                    try {
                        thaw(n);
                    } catch (IOException e) {
                        n.process.toHandle().destroyForcibly();
                    }
                }
                Process p = n.process;
                if (p != null && p.isAlive()) {
                    p.toHandle().destroy();
                }
            }
            stop(a);
            stop(b);
            stop(store);
        } finally {
            if (postgres != null) {
                try {
                    if (replicated != null) {
                        replicated.close();
                    }
                    postgres.close();
                } catch (IOException e) {
                    // its processes are reported by its own log; the brokers are stopped below anyway
                }
            }
            for (Node n : List.of(a, b, store)) {
                Process p = n.process;
                if (p != null && p.isAlive()) {
                    p.toHandle().destroyForcibly();
                    p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
            toA.close();
            toB.close();
        }
    }
}
