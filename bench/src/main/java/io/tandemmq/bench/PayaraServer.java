package io.tandemmq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Payara Server domain of the benchmark's own, driven by {@code asadmin} as an operator would:
 * created in the work folder with every port moved by one free port base, started, given the
 * adapters' connector pools and resources, and at {@link #close()} stopped (its JVM killed by the
 * PID it wrote if {@code stop-domain} fails) and deleted.
 */
final class PayaraServer implements AppServer {
    private static final String DOMAIN = "bench";
    private static final long COMMAND_MILLIS = 240_000;
    /** Offsets of the domain's ports from its port base (admin 48, http 80, https 81, ...). */
    private static final int[] PORTS = {37, 38, 48, 54, 55, 76, 80, 81, 86};

    private final BrokerProcesses processes;
    private final Path home;
    private final Path domains;
    private final int portBase;
    private int commands;
    private boolean started;

    private PayaraServer(BrokerProcesses processes, Path home, Path domains, int portBase) {
        this.processes = processes;
        this.home = home;
        this.domains = domains;
        this.portBase = portBase;
    }

    /** @param home the unpacked {@code payara6}, holding {@code bin/asadmin} */
    static PayaraServer start(BrokerProcesses processes, Path home) throws IOException, InterruptedException {
        PayaraServer server = new PayaraServer(processes, home, processes.folder("payara-domains"), freePortBase());
        server.run(List.of("create-domain", "--domaindir", server.domains.toString(), "--portbase",
                String.valueOf(server.portBase), "--nopassword", DOMAIN));
        try {
            server.run(List.of("start-domain", "--domaindir", server.domains.toString(), DOMAIN));
            server.started = true;
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public String name() {
        return "payara";
    }

    /**
     * Tandem's adapter is pointed at its pair by its configuration (for MDBs) and its pool's property;
     * Artemis's archive names its broker in its ra.xml already.
     */
    @Override
    public void deployAdapter(MdbAdapter adapter, Path rar, String serverUrl) throws IOException, InterruptedException {
        String pool = adapter.label + "-pool";
        if (adapter == MdbAdapter.TANDEM) {
            // asadmin separates properties with ':', so colons inside the value are escaped
            String url = serverUrl.replace(":", "\\:");
            asadmin("create-resource-adapter-config", "--property", "ServerUrl=" + url, adapter.rarName);
            asadmin("deploy", rar.toString());
            asadmin("create-connector-connection-pool", "--raname", adapter.rarName, "--connectiondefinition",
                    "jakarta.jms.ConnectionFactory", "--transactionsupport", "XATransaction", "--property",
                    "ServerUrl=" + url, pool);
        } else {
            asadmin("deploy", rar.toString());
            asadmin("create-connector-connection-pool", "--raname", adapter.rarName, "--connectiondefinition",
                    "jakarta.jms.ConnectionFactory", "--transactionsupport", "XATransaction", pool);
        }
        asadmin("create-connector-resource", "--poolname", pool, factoryJndi(adapter));
    }

    @Override
    public String factoryJndi(MdbAdapter adapter) {
        return "jms/" + adapter.label + "-bench";
    }

    /** {@code asadmin deploy} returns once the application is loaded. */
    @Override
    public void deployApplication(Path war) throws IOException, InterruptedException {
        asadmin("deploy", war.toString());
    }

    @Override
    public int httpPort() {
        return portBase + 80;
    }

    private void asadmin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--port", String.valueOf(portBase + 48)));
        command.addAll(List.of(args));
        run(command);
    }

    private void run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve(Path.of("bin", "asadmin")).toString());
        command.addAll(args);
        processes.launch("payara-asadmin-" + ++commands, command,
                Map.of("AS_JAVA", BrokerProcesses.JAVA_HOME.toString()), line -> { }).awaitSuccess(COMMAND_MILLIS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (started) {
                try {
                    run(List.of("stop-domain", "--domaindir", domains.toString(), DOMAIN));
                } catch (IOException e) {
                    killByPidFile();
                }
            }
        } finally {
            run(List.of("delete-domain", "--domaindir", domains.toString(), DOMAIN));
        }
    }

    private void killByPidFile() throws IOException {
        Path pidFile = domains.resolve(Path.of(DOMAIN, "config", "pid"));
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 40_000 + ThreadLocalRandom.current().nextInt(0, 200) * 100;
            if (BrokerProcesses.allFree(Arrays.stream(PORTS).map(p -> p + base).toArray())) {
                return base;
            }
        }
        throw new IOException("no free port base for Payara");
    }
}
