package io.tandemmq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A WildFly of the unpacked distribution on {@code standalone.xml}, with a server folder of its own
 * (a copy of {@code standalone/configuration}, so the distribution stays as unpacked) and every port
 * moved by one free offset. The ejb3 subsystem gets an MDB section naming Tandem's adapter as the
 * default (standalone.xml has none, and an MDB deployment fails without one); each application binds
 * its MDB to its own adapter anyway. Deployments go through the deployment scanner, as an operator's
 * would.
 */
final class WildFlyServer implements AppServer {
    private static final Pattern STARTED = Pattern.compile("WFLYSRV002[56]");
    private static final long START_MILLIS = 180_000;
    private static final long DEPLOY_MILLIS = 180_000;
    private static final String SESSION_BEANS_END = "</session-bean>";
    /** http, https, management http and https, AJP, transaction recovery and status. */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};

    private final ChildProcess process;
    private final Path deployments;
    private final int offset;

    private WildFlyServer(ChildProcess process, Path deployments, int offset) {
        this.process = process;
        this.deployments = deployments;
        this.offset = offset;
    }

    /**
     * @param home      the unpacked {@code wildfly-VERSION}
     * @param tandemUrl Tandem's pair, for the {@code ${tandem.server.url}} of the adapter's ironjacamar.xml
     */
    static WildFlyServer start(BrokerProcesses processes, Path home, String tandemUrl)
            throws IOException, InterruptedException {
        Path base = processes.folder("wildfly");
        copyTree(home.resolve(Path.of("standalone", "configuration")), base.resolve("configuration"));
        Path config = base.resolve(Path.of("configuration", "standalone.xml"));
        Files.writeString(config, withDefaultAdapter(Files.readString(config, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        int offset = freeOffset();
        List<String> command = List.of(home.resolve(Path.of("bin", "standalone.sh")).toString(), "-c", "standalone.xml",
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.tx.node.id=tandem-bench", "-Dtandem.server.url=" + tandemUrl);
        // in the background, standalone.sh passes a SIGTERM on to WildFly's JVM
        ChildProcess p = processes.launch("wildfly", command, Map.of("JAVA_HOME", BrokerProcesses.JAVA_HOME.toString(),
                "LAUNCH_JBOSS_IN_BACKGROUND", "1"), line -> { });
        WildFlyServer server = new WildFlyServer(p, deployments, offset);
        try {
            p.awaitLine(STARTED, START_MILLIS);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static String withDefaultAdapter(String standaloneXml) throws IOException {
        int at = standaloneXml.indexOf(SESSION_BEANS_END);
        if (at < 0 || standaloneXml.contains("<resource-adapter-ref")) {
            throw new IOException("standalone.xml: no ejb3 session-bean section, or an MDB section already");
        }
        int end = at + SESSION_BEANS_END.length();
        return standaloneXml.substring(0, end) + """

                            <mdb>
                                <resource-adapter-ref resource-adapter-name="%s.rar"/>
                                <bean-instance-pool-ref pool-name="mdb-strict-max-pool"/>
                            </mdb>""".formatted(MdbAdapter.TANDEM.rarName) + standaloneXml.substring(end);
    }

    @Override
    public String name() {
        return "wildfly";
    }

    /** The adapter's own ironjacamar.xml binds the factory and points it at its broker. */
    @Override
    public void deployAdapter(MdbAdapter adapter, Path rar, String serverUrl) throws IOException, InterruptedException {
        deploy(rar, adapter.rarName + ".rar");
    }

    @Override
    public String factoryJndi(MdbAdapter adapter) {
        return adapter == MdbAdapter.TANDEM ? "java:/jms/TandemConnectionFactory" : "java:/jms/ArtemisConnectionFactory";
    }

    @Override
    public void deployApplication(Path war) throws IOException, InterruptedException {
        deploy(war, war.getFileName().toString());
    }

    @Override
    public int httpPort() {
        return 8080 + offset;
    }

    /**
     * Copies the archive in under a temporary name and renames it, so the scanner never sees half a
     * file; waits for the scanner's {@code .deployed} or {@code .failed} marker.
     */
    private void deploy(Path archive, String name) throws IOException, InterruptedException {
        Path partial = deployments.resolve(name + ".part");
        Files.copy(archive, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, deployments.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Path deployed = deployments.resolve(name + ".deployed");
        Path failed = deployments.resolve(name + ".failed");
        long deadline = System.currentTimeMillis() + DEPLOY_MILLIS;
        while (!Files.exists(deployed)) {
            if (Files.exists(failed)) {
                throw new IOException("WildFly could not deploy " + name + ": " + Files.readString(failed));
            }
            if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                throw new IOException("WildFly did not deploy " + name + " within " + DEPLOY_MILLIS + " ms; its output:\n"
                        + process.tail());
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    private static int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = 20_000 + ThreadLocalRandom.current().nextInt(0, 400) * 10;
            if (BrokerProcesses.allFree(Arrays.stream(PORTS).map(p -> p + offset).toArray())) {
                return offset;
            }
        }
        throw new IOException("no free port offset for WildFly");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
