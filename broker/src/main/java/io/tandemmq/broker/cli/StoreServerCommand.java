package io.tandemmq.broker.cli;

import org.apache.derby.drda.NetworkServerControl;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code store-server}: an Apache Derby network server that holds the shared store of a pair, until
 * the process is stopped. Its databases live in {@code --data} ({@code derby.system.home}).
 */
final class StoreServerCommand {
    /** How long Derby may take to answer its first ping. */
    private static final long START_TIMEOUT_MILLIS = 30_000;
    static final String DATABASE = "tandem";

    private StoreServerCommand() {
    }

    /** The JDBC URL that brokers use for the store served at {@code host:port}. */
    static String jdbcUrl(String host, int port) {
        return "jdbc:derby://" + host + ":" + port + "/" + DATABASE + ";create=true";
    }

    static int run(List<String> args) {
        CommandOptions o = CommandOptions.parse(args, Set.of("port", "data", "host"));
        int port = o.port("port", -1);
        if (port == -1) {
            o.required("port");
        }
        String data = o.required("data");
        String host = o.get("host", "127.0.0.1");
        InetAddress address = null;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            o.problem("--host: '" + host + "' is not a known address");
        }
        if (!o.problems().isEmpty()) {
            return o.usageError("store-server");
        }
        Path home = Path.of(data).toAbsolutePath();
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            System.err.println("tandem: cannot create the data folder " + home + ": " + e.getMessage());
            return 1;
        }
        String busy = portProblem(address, port);
        if (busy != null) {
            System.err.println("tandem: cannot listen on " + host + ":" + port + ": " + busy);
            return 1;
        }
        System.setProperty("derby.system.home", home.toString());
        NetworkServerControl server;
        try {
            server = new NetworkServerControl(address, port);
            server.start(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
            awaitPing(address, port);
        } catch (Exception e) {
            System.err.println("tandem: the store server did not start on " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown(server);
            stopped.countDown();
        }, "tandem-store-shutdown"));
        System.out.println("tandem: store-server " + jdbcUrl(host, port));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Null when the port can be bound (checked before Derby tries, which only logs a failure). */
    private static String portProblem(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Pings through a second control object, so that failed early pings do not go to the console. */
    private static void awaitPing(InetAddress address, int port) throws Exception {
        NetworkServerControl server = new NetworkServerControl(address, port);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (true) {
            try {
                server.ping();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops accepting connections, then shuts the Derby engine down so its databases close cleanly. */
    private static void shutdown(NetworkServerControl server) {
        try {
            server.shutdown();
        } catch (Exception e) {
            System.err.println("tandem: stopping the network server: " + e.getMessage());
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful engine shutdown as SQLState XJ015
        }
        System.out.println("tandem: store-server stopped");
        System.out.flush();
    }
}
