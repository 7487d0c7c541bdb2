package io.tandemmq.broker.cli;

import io.tandemmq.broker.logging.DerbyLog;
import io.tandemmq.broker.config.PasswordFile;

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
        CommandOptions o = CommandOptions.parse(args, Set.of("port", "data", "host", "user", "password-file"));
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
        String user = o.get("user", null);
        String passwordFile = o.get("password-file", null);
        String password = null;
        if ((user == null) != (passwordFile == null)) {
            o.problem("give --user and --password-file together");
        } else if (passwordFile != null) {
            try {
                password = PasswordFile.read(Path.of(passwordFile));
            } catch (IOException | IllegalArgumentException e) {
                o.problem("--password-file: " + e.getMessage());
            }
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
        DerbyLog.inFolder(home);
        if (user != null) {
            requireAuthentication(user, password);
        }
        NetworkServerControl server;
        Credentials login = new Credentials(user, password);
        try {
            server = login.control(address, port);
            server.start(new PrintWriter(new DerbyLog(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), true));
            awaitPing(login, address, port);
        } catch (Exception e) {
            System.err.println("tandem: the store server did not start on " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown(server, login);
            stopped.countDown();
        }, "tandem-store-shutdown"));
        System.out.println("tandem: store-server " + jdbcUrl(host, port));
        if (user == null && !address.isLoopbackAddress()) {
            System.err.println("tandem: store-server: WARNING no authentication: anyone who reaches " + host + ":" + port
                    + " can read and change every message and user; give --user and --password-file");
        }
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

    /**
     * Derby's built-in authentication with one user: every connection (brokers with
     * {@code --store-user}/{@code --store-password-file}, the offline commands, the server's own
     * commands) must log in as that user. The password lives in this process's memory only.
     */
    private static void requireAuthentication(String user, String password) {
        System.setProperty("derby.connection.requireAuthentication", "true");
        System.setProperty("derby.authentication.provider", "BUILTIN");
        System.setProperty("derby.user." + user, password);
    }

    /** The server's own login, for its control commands (ping, shutdown); none without authentication. */
    private record Credentials(String user, String password) {
        NetworkServerControl control(InetAddress address, int port) throws Exception {
            return user == null ? new NetworkServerControl(address, port)
                    : new NetworkServerControl(address, port, user, password);
        }

        java.sql.Connection shutdownEngine() throws SQLException {
            return user == null ? DriverManager.getConnection("jdbc:derby:;shutdown=true")
                    : DriverManager.getConnection("jdbc:derby:;shutdown=true", user, password);
        }
    }

    /** Pings through a second control object, so that failed early pings do not go to the console. */
    private static void awaitPing(Credentials login, InetAddress address, int port) throws Exception {
        NetworkServerControl server = login.control(address, port);
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
    private static void shutdown(NetworkServerControl server, Credentials login) {
        try {
            server.shutdown();
        } catch (Exception e) {
            System.err.println("tandem: stopping the network server: " + e.getMessage());
        }
        try {
            login.shutdownEngine().close();
        } catch (SQLException expected) {
            // Derby reports a successful engine shutdown as SQLState XJ015
        }
        System.out.println("tandem: store-server stopped");
        System.out.flush();
    }
}
