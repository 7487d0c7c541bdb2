package io.tandemmq.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Starts broker-jar processes on free ports of 127.0.0.1 ({@code run}, {@code store-server}, two
 * {@code run}s as a pair), and other commands given to {@link #launch(String, List, Map, Consumer)}
 * (Artemis), and stops every one it started, by PID, at {@link #close()} or, if this JVM is
 * interrupted (Ctrl-C), from a shutdown hook.
 */
final class BrokerProcesses implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MILLIS = 120_000;
    /** The Java this tool runs on; every process it starts runs on the same. */
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Path JAVA = JAVA_HOME.resolve(Path.of("bin", "java"));
    private static final Pattern STORE_READY = Pattern.compile("tandem: store-server (jdbc:\\S+)");

    private final Path work;
    private final Path jar;
    private final String heap;
    /** Given to every Tandem broker as {@code --store-writers}; 0 leaves the broker's default. */
    private final int storeWriters;
    private final List<ChildProcess> started = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "stop-brokers");
    private int folders;

    BrokerProcesses(Path work, Path jar, String heap, int storeWriters) {
        this.work = work;
        this.jar = jar;
        this.heap = heap;
        this.storeWriters = storeWriters;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** One broker on its own embedded Derby store, once it says it is active. */
    Broker single(String name) throws IOException, InterruptedException {
        return single(name, freePorts(1)[0]);
    }

    /** One broker on its own embedded Derby store, on this port, once it says it is active. */
    Broker single(String name, int port) throws IOException, InterruptedException {
        return single(name, port, List.of());
    }

    /** Like {@link #single(String, int)}, with more {@code run} options. */
    Broker single(String name, int port, List<String> extraArgs) throws IOException, InterruptedException {
        return single(name, port, heap, extraArgs);
    }

    /** Like {@link #single(String, int, List)}, with a heap of its own. */
    Broker single(String name, int port, String brokerHeap, List<String> extraArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "--name", name, "--host", HOST,
                "--port", String.valueOf(port), "--data", folder(name).toString()));
        args.addAll(extraArgs);
        Broker broker = new Broker(name, port, withWriters(args));
        broker.attach(launch(name, brokerHeap, broker.args(), broker::onLine));
        awaitRole(broker, "active");
        return broker;
    }

    /** A Derby network server; returns its process and the JDBC URL it printed. */
    StoreServer storeServer(String name) throws IOException, InterruptedException {
        int port = freePorts(1)[0];
        ChildProcess p = launch(name, List.of("store-server", "--host", HOST, "--port", String.valueOf(port),
                "--data", folder(name).toString()), line -> { });
        return new StoreServer(p, p.awaitLine(STORE_READY, START_TIMEOUT_MILLIS).group(1));
    }

    /** A store server and two brokers, once one of them is active and the other passive. */
    BrokerPair pair(String name) throws IOException, InterruptedException {
        StoreServer store = storeServer(name + "-store");
        return pair(name, store.process(), List.of("--store", store.jdbcUrl()));
    }

    /** Two brokers on an emptied PostgreSQL store, once one of them is active and the other passive. */
    BrokerPair pair(String name, PostgresStore postgres) throws IOException, InterruptedException {
        try {
            postgres.reset();
        } catch (java.sql.SQLException e) {
            throw new IOException("--postgres: cannot empty the store at " + postgres.url() + ": " + e.getMessage(), e);
        }
        return pair(name, null, postgres.brokerArgs());
    }

    /** Two brokers on the store the options name ({@code --store URL} and credentials), once one is active and the other passive. */
    BrokerPair pair(String name, List<String> storeArgs) throws IOException, InterruptedException {
        return pair(name, null, storeArgs);
    }

    /** Two brokers on a store of the caller's ({@code storeProcess} may be null), once one is active and the other passive. */
    BrokerPair pair(String name, ChildProcess storeProcess, List<String> storeArgs)
            throws IOException, InterruptedException {
        int[] ports = freePorts(4);
        Broker a = pairMember(name + "-a", ports[0], ports[2], ports[3], storeArgs);
        Broker b = pairMember(name + "-b", ports[1], ports[3], ports[2], storeArgs);
        start(a);
        start(b);
        BrokerPair pair = new BrokerPair(storeProcess, a, b);
        await(() -> pair.active() != null && "passive".equals(pair.other(pair.active()).role()),
                "one broker of " + name + " active and the other passive", a, b);
        return pair;
    }

    private Broker pairMember(String name, int port, int peerPort, int partnerPort, List<String> storeArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--name", name, "--host", HOST, "--port", String.valueOf(port),
                "--peer-port", String.valueOf(peerPort), "--partner", HOST + ":" + partnerPort,
                "--data", folder(name).toString()));
        args.addAll(storeArgs);
        return new Broker(name, port, withWriters(args));
    }

    private List<String> withWriters(List<String> args) {
        if (storeWriters == 0) {
            return args;
        }
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--store-writers", String.valueOf(storeWriters)));
        return all;
    }

    /** Runs a command of the broker jar (an offline one, such as {@code user add}) to its end. */
    void runTool(String name, List<String> args) throws IOException, InterruptedException {
        launch(name, args, line -> { }).awaitSuccess(60_000);
    }

    /** Starts the broker (again, after a kill) on its data folder; its role comes later. */
    void start(Broker broker) throws IOException {
        broker.attach(launch(broker.name(), broker.args(), broker::onLine));
    }

    /** Waits until the broker printed {@code role}. */
    void awaitRole(Broker broker, String role) throws IOException, InterruptedException {
        await(() -> role.equals(broker.role()), broker.name() + " " + role, broker);
    }

    /** SIGKILL of the broker's process. */
    void kill(Broker broker) throws InterruptedException {
        broker.process().kill();
        broker.killed();
    }

    private void await(BooleanSupplier condition, String what, Broker... brokers) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            for (Broker b : brokers) {
                if (!b.process().isAlive()) {
                    throw new IOException(b.name() + " ended while waiting for " + what + "; its output:\n" + b.process().tail());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("no " + what + " within " + START_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
    }

    private ChildProcess launch(String name, List<String> args, Consumer<String> listener)
            throws IOException {
        return launch(name, heap, args, listener);
    }

    private ChildProcess launch(String name, String brokerHeap, List<String> args, Consumer<String> listener)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA.toString(), "-Xmx" + brokerHeap, "-jar", jar.toString()));
        cmd.addAll(args);
        return launch(name, cmd, Map.of(), listener);
    }

    /**
     * Starts any command as one of these processes (its log {@code work/name.log}), so that it is
     * stopped with them.
     */
    ChildProcess launch(String name, List<String> command, Map<String, String> environment, Consumer<String> listener)
            throws IOException {
        ChildProcess p = ChildProcess.start(name, command, environment, work.resolve(name + ".log"), listener);
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /** A new folder for one process's data, under the work folder. */
    Path folder(String name) throws IOException {
        return Files.createDirectories(work.resolve(name + "-" + ++folders));
    }

    /** Stops every process started so far, the latest first (brokers before their store). */
    void stopAll() {
        List<ChildProcess> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran already
        }
    }

    /** Whether every one of these ports is free on {@link #HOST} now. */
    static boolean allFree(int... ports) {
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** A running {@code store-server} and the JDBC URL for its store. */
    record StoreServer(ChildProcess process, String jdbcUrl) { }
}
