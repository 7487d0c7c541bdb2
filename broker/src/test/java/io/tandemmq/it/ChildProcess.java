package io.tandemmq.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM running a {@code main} class of the test class path, whose output lines the test can wait
 * for (they are also written to a file). {@link #kill()} is SIGKILL; {@link #close()} kills it if
 * it still runs and is safe to call twice.
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    /** Guarded by lines. */
    private boolean outputEnded;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(Path log, Class<?> main, String... args) throws IOException {
        List<String> cmd = ChildJvm.java("-Xmx128m", "-cp", System.getProperty("java.class.path"), main.getName());
        cmd.addAll(List.of(args));
        ChildProcess child = new ChildProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start(), log);
        Thread pump = new Thread(child::pump, "child-output");
        pump.setDaemon(true);
        pump.start();
        return child;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.write('\n');
                w.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            synchronized (lines) {
                outputEnded = true;
                lines.notifyAll();
            }
        }
    }

    /** Waits until {@code n} lines matching {@code p} were printed; fails when the output ends first or time is up. */
    void awaitLines(Predicate<String> p, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.stream().filter(p).count() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || outputEnded) {
                    throw new AssertionError("waited for " + n + " matching lines; the child "
                            + (process.isAlive() ? "still runs" : "exited") + "; its output:\n" + tail());
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /** The lines printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not exit within " + timeout + "; its output:\n" + tail());
        }
        return process.exitValue();
    }

    String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
