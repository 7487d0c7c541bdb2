package io.tandemmq.wildfly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Server domain of the tests' own, driven by {@code asadmin} as an operator would: created
 * with its own port base, started, configured, and at {@link #close()} stopped (killed if it does
 * not stop) and deleted.
 */
final class PayaraDomain implements AutoCloseable {
    private static final String NAME = "tandem-it";
    private static final long COMMAND_SECONDS = 240;

    private final Path home;
    private final Path domains;
    private final int portBase;
    private boolean started;

    private PayaraDomain(Path home, Path domains, int portBase) {
        this.home = home;
        this.domains = domains;
        this.portBase = portBase;
    }

    /**
     * @param home the unpacked Payara ({@code payara6}, holding {@code bin/asadmin})
     * @throws IOException when asadmin fails; its output is in the message
     */
    static PayaraDomain create(Path home, Path domains, int portBase) throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin/asadmin"))) {
            throw new IOException("no Payara at " + home + " (the build unpacks it in pre-integration-test)");
        }
        Files.createDirectories(domains);
        PayaraDomain d = new PayaraDomain(home, domains, portBase);
        d.run(List.of("create-domain", "--domaindir", domains.toString(), "--portbase", String.valueOf(portBase),
                "--nopassword", NAME));
        return d;
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    /** Starts the domain; asadmin returns before applications are loaded, so callers poll them. */
    void start() throws IOException, InterruptedException {
        run(List.of("start-domain", "--domaindir", domains.toString(), NAME));
        started = true;
    }

    /** Runs a remote asadmin command against this domain. */
    String asadmin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--port", String.valueOf(adminPort())));
        command.addAll(List.of(args));
        return run(command);
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/asadmin").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process p = pb.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("asadmin " + args + " did not end within " + COMMAND_SECONDS + " s");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("asadmin " + args + " failed (" + p.exitValue() + "): " + output);
        }
        return output;
    }

    /**
     * Stops the domain (SIGKILL to its process if asadmin cannot), keeps its server log beside the
     * domains folder ({@code payara-server.log}, as WildFly's stays in its folder), then deletes it.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (started) {
                try {
                    run(List.of("stop-domain", "--domaindir", domains.toString(), NAME));
                } catch (IOException e) {
                    killByPidFile();
                }
            }
        } finally {
            try {
                keepServerLog();
            } finally {
                run(List.of("delete-domain", "--domaindir", domains.toString(), NAME));
            }
        }
    }

    private void keepServerLog() throws IOException {
        Path log = domains.resolve(NAME).resolve("logs/server.log");
        if (Files.exists(log)) {
            Files.copy(log, domains.resolveSibling("payara-server.log"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void killByPidFile() throws IOException {
        Path pidFile = domains.resolve(NAME).resolve("config/pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
