package io.tandemmq.broker.cli;

import io.tandemmq.broker.EmbeddedStoreFolder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pair}: a complete local pair for trying things out: a store server and two brokers
 * ({@code a} and {@code b}), each a child process of the same jar with its own data folder.
 * Their output is forwarded with a prefix; once one broker is active the client URL of the pair is
 * printed, then which broker is active, its PID and the command that kills it (again after every
 * takeover). Stopping this process (Ctrl-C) stops all three. A broker that dies is reported, and
 * with {@code --restart SECONDS} started again after that pause, as a supervisor would, so that a
 * failover can be shown again and again; without it the pair carries on with one broker.
 */
final class PairCommand {
    static final int DEFAULT_PORT = 61620;
    static final String DEFAULT_DATA = "data/pair";
    /** Peer (heartbeat) ports are the client ports plus this. */
    private static final int PEER_OFFSET = 100;
    /** The brokers' monitoring ports (console, /metrics): 61680 and 61681 by default. */
    private static final int HTTP_OFFSET = 60;
    private static final int STORE_OFFSET = 200;
    private static final long STORE_START_SECONDS = 60;
    private static final long STOP_WAIT_SECONDS = 15;
    private static final String HOST = "127.0.0.1";
    private static final Pattern ROLE_LINE = Pattern.compile("^tandem: (\\S+) (\\S+) (tandems?://\\S+)$");

    private final PrintStream out = System.out;
    private final Object monitor = new Object();
    private final List<Child> children = new ArrayList<>();
    private volatile boolean stopping;
    private boolean announced;
    /** Seconds before a broker that died is started again; 0: never. */
    private final long restartSeconds;
    private String url;

    private PairCommand(long restartSeconds) {
        this.restartSeconds = restartSeconds;
    }

    static int run(List<String> args) {
        CommandOptions o = CommandOptions.parse(args, Set.of("data", "port", "restart"));
        int port = o.port("port", DEFAULT_PORT);
        long restart = restartSeconds(o);
        if (port > 65535 - STORE_OFFSET) {
            o.problem("--port: " + port + " leaves no room for the ports above it (at most " + (65535 - STORE_OFFSET) + ")");
        }
        Path data = Path.of(o.get("data", DEFAULT_DATA)).toAbsolutePath();
        if (!o.problems().isEmpty()) {
            return o.usageError("pair");
        }
        return new PairCommand(restart).start(data, port);
    }

    private static long restartSeconds(CommandOptions o) {
        String text = o.get("restart", "0");
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        o.problem("--restart: '" + text + "' is not a number of seconds from 0 (never) to 3600");
        return 0;
    }

    private int start(Path data, int port) {
        int[] brokerPorts = {port, port + 1, port + PEER_OFFSET, port + PEER_OFFSET + 1, port + HTTP_OFFSET,
            port + HTTP_OFFSET + 1};
        String[] what = {"client port of a", "client port of b", "heartbeat port of a", "heartbeat port of b",
            "console port of a", "console port of b"};
        for (int i = 0; i < brokerPorts.length; i++) {
            if (!isFree(brokerPorts[i])) {
                System.err.println("tandem: pair: port " + brokerPorts[i] + " (" + what[i] + ") is in use;"
                        + " choose other ports with --port");
                return 1;
            }
        }
        int storePort;
        try {
            storePort = isFree(port + STORE_OFFSET) ? port + STORE_OFFSET : freePort();
            EmbeddedStoreFolder.prepare(data);
        } catch (IOException e) {
            System.err.println("tandem: pair: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(this::stopAll, "tandem-pair-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Child store = launch("store", "the store server", List.of("store-server", "--host", HOST,
                    "--port", String.valueOf(storePort), "--data", data.resolve("store").toString()));
            if (!awaitStore(store)) {
                System.err.println("tandem: pair: the store server did not start; see its output above");
                return stopEarly(hook);
            }
            String storeUrl = StoreServerCommand.jdbcUrl(HOST, storePort);
            launch("a", "broker a", brokerArgs("a", port, port + PEER_OFFSET, port + PEER_OFFSET + 1,
                    port + HTTP_OFFSET, data, storeUrl));
            launch("b", "broker b", brokerArgs("b", port + 1, port + PEER_OFFSET + 1, port + PEER_OFFSET,
                    port + HTTP_OFFSET + 1, data, storeUrl));
        } catch (IOException e) {
            System.err.println("tandem: pair: cannot start a child process: " + e.getMessage());
            return stopEarly(hook);
        }
        url = "tandem://" + HOST + ":" + port + "," + HOST + ":" + (port + 1);
        try {
            synchronized (monitor) {
                while (!children.stream().allMatch(c -> c.exited)) {
                    if (!announced && pairReady()) {
                        announced = true;
                        print("tandem: pair " + url);
                        print("tandem: pair: web consoles on http://" + HOST + ":" + (port + HTTP_OFFSET) + "/ (a) and http://"
                                + HOST + ":" + (port + HTTP_OFFSET + 1) + "/ (b)");
                        children.stream().filter(c -> "active".equals(c.role) && !c.exited).findFirst()
                                .ifPresent(this::tellActive);
                    }
                    monitor.wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopping) {
            print("tandem: pair: every child process has exited");
        }
        return 1;
    }

    private int stopEarly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            return 1;
        }
        stopAll();
        return 1;
    }

    private static List<String> brokerArgs(String name, int clientPort, int peerPort, int partnerPeerPort, int httpPort,
                                           Path data, String storeUrl) {
        return List.of("run", "--name", name, "--host", HOST, "--port", String.valueOf(clientPort),
                "--peer-port", String.valueOf(peerPort), "--partner", HOST + ":" + partnerPeerPort,
                "--http-port", String.valueOf(httpPort), "--data", data.resolve(name).toString(), "--store", storeUrl);
    }

    /** Both brokers told their role and one of them is active (called holding the monitor). */
    private boolean pairReady() {
        List<Child> brokers = children.stream().filter(c -> !c.prefix.equals("store")).toList();
        return brokers.size() == 2 && brokers.stream().allMatch(c -> c.role != null)
                && brokers.stream().anyMatch(c -> "active".equals(c.role));
    }

    private boolean awaitStore(Child store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STORE_START_SECONDS);
        synchronized (monitor) {
            while (!store.ready && !store.exited) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return store.ready;
        }
    }

    private Child launch(String prefix, String description, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(selfCommand());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(ParentWatch.PARENT_PID, String.valueOf(ProcessHandle.current().pid()));
        Child child = new Child(prefix, description, args);
        synchronized (monitor) {
            if (stopping) {
                throw new IOException("the pair is stopping");
            }
            child.process = pb.start();
            children.add(child);
        }
        print("tandem: pair: " + description + " started (pid " + child.process.pid() + ")");
        Thread pump = new Thread(() -> pump(child), "tandem-pair-" + prefix);
        pump.setDaemon(true);
        child.pump = pump;
        pump.start();
        child.process.onExit().thenRunAsync(() -> exited(child), PairCommand::daemon);
        return child;
    }

    /** The java command that runs this same jar (or class path, when not run from a jar). */
    static List<String> selfCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path self = Path.of(PairCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                return List.of(java, "-jar", self.toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the class path
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), TandemCommand.class.getName());
    }

    private void pump(Child child) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                print("[" + child.prefix + "] " + line);
                if (child.prefix.equals("store")) {
                    if (line.startsWith("tandem: store-server jdbc:")) {
                        synchronized (monitor) {
                            child.ready = true;
                            monitor.notifyAll();
                        }
                    }
                    continue;
                }
                Matcher m = ROLE_LINE.matcher(line);
                if (m.matches() && m.group(1).equals(child.prefix)) {
                    synchronized (monitor) {
                        child.role = m.group(2);
                        if (announced && "active".equals(child.role)) {
                            tellActive(child);
                        }
                        monitor.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; its exit is reported by exited()
        }
    }

    private void exited(Child child) {
        try {
            child.pump.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopping) {
            // on Ctrl-C the children get the signal too and may end before our shutdown hook begins
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean broker = !child.prefix.equals("store");
        boolean restart = broker && restartSeconds > 0;
        if (!stopping) {
            print("tandem: pair: " + child.description + " (pid " + child.process.pid() + ") exited unexpectedly"
                    + " (exit code " + child.process.exitValue() + ")" + (!broker
                    ? "; the brokers keep running but cannot use the store until it is back"
                    : restart ? "; starting it again in " + restartSeconds + " s (--restart)"
                    : "; it is not restarted (see --restart), the other processes keep running"));
        }
        synchronized (monitor) {
            child.exited = true;
            monitor.notifyAll();
        }
        if (restart && !stopping) {
            restartLater(child);
        }
    }

    /** As a supervisor would: the same command line, after the pause. */
    private void restartLater(Child child) {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(restartSeconds));
            if (!stopping) {
                launch(child.prefix, child.description, child.args);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            print("tandem: pair: cannot start " + child.description + " again: " + e.getMessage());
        }
    }

    /** Which broker serves, and how to see a failover (called holding the monitor). */
    private void tellActive(Child active) {
        print("tandem: pair: " + active.description + " is active (pid " + active.process.pid() + "); to see a"
                + " failover: kill -9 " + active.process.pid());
    }

    /** Brokers first (so that they release the lease while the store is still there), then the store. */
    private void stopAll() {
        List<Child> all;
        synchronized (monitor) {
            stopping = true;
            all = new ArrayList<>(children);
            monitor.notifyAll();
        }
        List<Child> brokers = all.stream().filter(c -> !c.prefix.equals("store")).toList();
        List<Child> stores = all.stream().filter(c -> c.prefix.equals("store")).toList();
        stop(brokers);
        stop(stores);
        for (Child c : all) {
            try {
                c.pump.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        print("tandem: pair stopped");
    }

    /**
     * SIGTERM, and SIGKILL for a child that does not end in time. Through the process handle:
     * {@code Process.destroy()} would also close the pipe, and what the child says while stopping
     * would be lost.
     */
    private static void stop(List<Child> group) {
        group.forEach(c -> c.process.toHandle().destroy());
        for (Child c : group) {
            try {
                if (!c.process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    c.process.toHandle().destroyForcibly();
                    c.process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                c.process.toHandle().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "tandem-pair-exit");
        t.setDaemon(true);
        t.start();
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** One child process and what its output told so far. */
    private static final class Child {
        final String prefix;
        final String description;
        final List<String> args;
        Process process;
        Thread pump;
        volatile String role;
        volatile boolean ready;
        volatile boolean exited;

        Child(String prefix, String description, List<String> args) {
            this.prefix = prefix;
            this.description = description;
            this.args = List.copyOf(args);
        }
    }
}
