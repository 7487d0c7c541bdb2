package io.tandemmq.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker started as a separate process from the built jar, on a free port of 127.0.0.1, with its
 * own data folder, on the embedded Derby store there, or ({@link #startOnConfiguredStore}) on the
 * store kind the build runs the tests with, a PostgreSQL server of its own then. {@link #kill()}
 * sends SIGKILL; {@link #restart()} starts it again on the same store; {@link #close()} stops it
 * (SIGTERM, then SIGKILL) and its PostgreSQL server, and is safe to call twice. Its output goes to
 * {@code broker.out} in the data folder.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("tandem: (\\S+) (\\S+) (tandems?://\\S+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Path dataDir;
    private final List<String> extraArgs;
    /** The store's server when the store is PostgreSQL, else null (embedded Derby). */
    private PostgresServer postgres;
    private Process process;
    private String url;

    private BrokerProcess(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    private List<String> jvmOptions = List.of("-Xmx256m");

    /** Starts a broker on a new data folder under {@code parent}, its JVM with these options instead of the usual heap. */
    public static BrokerProcess startWithJvm(Path parent, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        BrokerProcess b = new BrokerProcess(Files.createTempDirectory(parent, "broker"), List.of(args));
        b.jvmOptions = List.copyOf(jvmOptions);
        b.launch();
        return b;
    }

    /** Starts a broker on a new data folder under {@code parent}. */
    public static BrokerProcess start(Path parent, String... args) throws IOException, InterruptedException {
        BrokerProcess b = new BrokerProcess(Files.createTempDirectory(parent, "broker"), List.of(args));
        b.launch();
        return b;
    }

    /**
     * Starts a broker on a new data folder under {@code parent}, with its store on
     * {@link StoreKind#configured()}: embedded Derby, or a new PostgreSQL server under {@code parent}.
     */
    public static BrokerProcess startOnConfiguredStore(Path parent, String... args) throws IOException, InterruptedException {
        if (StoreKind.configured() == StoreKind.DERBY) {
            return start(parent, args);
        }
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start(parent);
        } catch (java.sql.SQLException e) {
            throw new IOException("the PostgreSQL server did not start: " + e.getMessage(), e);
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--store", postgres.jdbcUrl(), "--store-user", postgres.user(),
                "--store-password-file", postgres.passwordFile().toString()));
        BrokerProcess b = new BrokerProcess(Files.createTempDirectory(parent, "broker"), all);
        b.postgres = postgres;
        try {
            b.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return b;
    }

    /** Starts a broker on a data folder prepared before, for example by the offline user commands. */
    public static BrokerProcess startOn(Path dataDir, String... args) throws IOException, InterruptedException {
        BrokerProcess b = new BrokerProcess(dataDir, List.of(args));
        b.launch();
        return b;
    }

    /** Like {@link #startOn(Path, String...)}, its JVM with these options instead of the usual heap. */
    public static BrokerProcess startOnWithJvm(Path dataDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        BrokerProcess b = new BrokerProcess(dataDir, List.of(args));
        b.jvmOptions = List.copyOf(jvmOptions);
        b.launch();
        return b;
    }

    /** Starts the broker again on the same data folder (after a kill or stop). */
    public BrokerProcess restart() throws IOException, InterruptedException {
        stopProcess();
        launch();
        return this;
    }

    private void launch() throws IOException, InterruptedException {
        String jar = System.getProperty("tandem.broker.jar", "target/tandem-broker.jar");
        List<String> cmd = ChildJvm.java(jvmOptions);
        cmd.addAll(List.of("-jar", jar, "run", "--name", "it", "--port", "0", "--data", dataDir.toString()));
        cmd.addAll(extraArgs);
        Path out = dataDir.resolve("broker.out");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(out, ready), "broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            url = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            stopProcess();
            throw new IOException("the broker did not start; see " + out + ": " + Files.readString(out), e);
        }
    }

    private void pump(Path out, CompletableFuture<String> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.newLine();
                w.flush();
                Matcher m = READY.matcher(line);
                // after a kill the old lease must expire first: the broker may say "passive" before "active"
                if (m.find() && m.group(2).equals("active")) {
                    ready.complete(m.group(3));
                }
            }
            ready.completeExceptionally(new IOException("broker output ended"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /**
     * Waits for the process to end by itself.
     *
     * @return its exit code, or -1 when it still runs after the wait
     */
    public int awaitExit(java.time.Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Everything the broker printed (standard output and error). */
    public Path output() {
        return dataDir.resolve("broker.out");
    }

    public String url() {
        return url;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stopProcess();
        } finally {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the server's own log says why; nothing else is left to stop
                }
            }
        }
    }

    private void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            // through the handle: Process.destroy() also closes our end of its output, losing the last lines
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
