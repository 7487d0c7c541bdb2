package io.tandemmq.wildfly;

import io.tandemmq.it.ClientFrameGate;
import io.tandemmq.it.PairProcesses;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts, once per test JVM and before Arquillian starts WildFly, what the application servers
 * talk to: a broker pair with its Derby store server (separate processes), and the applications'
 * database on the same Derby server. It also picks a free port offset for WildFly and hands it to
 * Arquillian's configuration. Everything is stopped when the JVM's tests end. Register it before
 * the Arquillian extension.
 */
public final class PairForServers implements BeforeAllCallback {
    private static final String HOST = "127.0.0.1";

    /**
     * The running pair and where things are; the same for every test class. The application
     * servers reach the brokers through {@link #clientUrl()}: a {@link ClientFrameGate} in front of
     * each, so that a test can make a failover cut one chosen XA call.
     */
    public record Setup(PairProcesses pair, int storePort, int portOffset, ClientFrameGate gateA, ClientFrameGate gateB) {
        /** The pair's URL through the gates. */
        public String clientUrl() {
            return "tandem://" + HOST + ":" + gateA.port() + "," + HOST + ":" + gateB.port();
        }

        /** The gate in front of {@code node}. */
        public ClientFrameGate gate(PairProcesses.Node node) {
            return node == pair.a() ? gateA : gateB;
        }

        public String appDatabaseUrl() {
            return "jdbc:derby://" + HOST + ":" + storePort + "/appdb";
        }

        public String httpBase() {
            return "http://" + HOST + ":" + (8080 + portOffset) + "/tandem-it/";
        }
    }

    private static Setup setup;

    public static synchronized Setup setup() {
        if (setup == null) {
            throw new IllegalStateException("the pair is not started: register " + PairForServers.class.getSimpleName()
                    + " before the Arquillian extension");
        }
        return setup;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (PairForServers.class) {
            if (setup != null) {
                return;
            }
            Path dir = Files.createTempDirectory("tandem-wildfly-it");
            PairProcesses pair = PairProcesses.start(dir);
            // closed (the processes stopped) when the root context ends, after every test class
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
            store.put(PairForServers.class, pair);
            ClientFrameGate gateA = ClientFrameGate.inFrontOf("a", pair.a().clientPort());
            store.put(PairForServers.class.getName() + ".gateA", gateA);
            ClientFrameGate gateB = ClientFrameGate.inFrontOf("b", pair.b().clientPort());
            store.put(PairForServers.class.getName() + ".gateB", gateB);
            createAppDatabase(pair.storePort());
            int offset = freePortOffset();
            setup = new Setup(pair, pair.storePort(), offset, gateA, gateB);
            System.setProperty("arq.container.wildfly.configuration.managementPort", String.valueOf(9990 + offset));
            System.setProperty("wildfly.port.offset", String.valueOf(offset));
        }
    }

    /** Both brokers alive, one of them active: a broker an earlier test killed is started again. */
    public static void bothAlive() throws IOException, InterruptedException {
        PairProcesses pair = setup().pair();
        for (PairProcesses.Node n : List.of(pair.a(), pair.b())) {
            if (!n.isAlive()) {
                pair.restart(n);
                pair.awaitRole(n, "passive", Duration.ofSeconds(60));
            }
        }
        pair.awaitActive(Duration.ofSeconds(60));
    }

    private static void createAppDatabase(int storePort) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:derby://" + HOST + ":" + storePort + "/appdb;create=true");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE SENT (TEXT VARCHAR(200) NOT NULL)");
            s.execute("CREATE TABLE RECEIVED (TEXT VARCHAR(200) NOT NULL)");
        }
    }

    /** An offset under which WildFly's usual ports (http, management, IIOP, recovery...) are free. */
    private static int freePortOffset() throws IOException {
        int[] ports = {8080, 8443, 9990, 9993, 3528, 3529, 4712, 4713, 8009};
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = 20_000 + ThreadLocalRandom.current().nextInt(0, 400) * 10;
            if (allFree(ports, offset)) {
                return offset;
            }
        }
        throw new IOException("no free port offset for WildFly");
    }

    private static boolean allFree(int[] ports, int offset) {
        for (int p : ports) {
            try (ServerSocket s = new ServerSocket(p + offset, 1, InetAddress.getByName(HOST))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** A port base under which a Payara domain's ports (base + 0...99) are free. */
    public static int freePortBase() throws IOException {
        int[] ports = {37, 38, 48, 54, 55, 76, 80, 81, 86};
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 40_000 + ThreadLocalRandom.current().nextInt(0, 200) * 100;
            if (allFree(ports, base)) {
                return base;
            }
        }
        throw new IOException("no free port base for Payara");
    }
}
