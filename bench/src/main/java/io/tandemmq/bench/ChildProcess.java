package io.tandemmq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process the bench started (the broker jar, or Artemis). Its output is appended to a log file and kept, so that callers
 * can wait for a line; {@link #kill()} is SIGKILL, {@link #stop()} SIGTERM then SIGKILL, both by
 * this process's PID only.
 */
final class ChildProcess {
    private static final long STOP_WAIT_SECONDS = 20;

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> listener;

    private ChildProcess(String name, Process process, Path log, Consumer<String> listener) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.listener = listener;
    }

    /** Starts {@code command}; every output line goes to {@code log} and then to {@code listener}. */
    static ChildProcess start(String name, List<String> command, Path log, Consumer<String> listener) throws IOException {
        return start(name, command, Map.of(), log, listener);
    }

    /** Like {@link #start(String, List, Path, Consumer)}, with these variables added to its environment. */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log,
            Consumer<String> listener) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        // the broker jar's processes stop by themselves if this JVM dies without running its hooks
        pb.environment().put("TANDEM_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        ChildProcess child = new ChildProcess(name, pb.start(), log, listener);
        Thread pump = new Thread(child::pump, "output-" + name);
        pump.setDaemon(true);
        pump.start();
        return child;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            w.write("---- pid " + process.pid() + "\n");
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.write('\n');
                w.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
                listener.accept(line);
            }
        } catch (IOException e) {
            // the process is gone; waiters see that through isAlive
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /**
     * Waits for a line matching {@code pattern}.
     *
     * @throws IOException when the process ends or the time runs out first, with the log's tail
     */
    Matcher awaitLine(Pattern pattern, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int next = 0;
        synchronized (lines) {
            while (true) {
                for (; next < lines.size(); next++) {
                    Matcher m = pattern.matcher(lines.get(next));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive()) {
                    throw new IOException(name + " did not print /" + pattern + "/ " + (process.isAlive()
                            ? "within " + timeoutMillis + " ms" : "before it ended") + "; its output:\n" + tail());
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /**
     * Waits until the process ended by itself.
     *
     * @throws IOException when it did not end in time or ended with another exit code than 0, with the log's tail
     */
    void awaitSuccess(long timeoutMillis) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IOException(name + " did not end within " + timeoutMillis + " ms; its output:\n" + tail());
        }
        if (process.exitValue() != 0) {
            throw new IOException(name + " ended with exit code " + process.exitValue() + "; its output:\n" + tail());
        }
    }

    String tail() {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash; waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, then SIGKILL if it does not end in time. A script that started a JVM of its own
     * (WildFly's {@code standalone.sh}) passes the SIGTERM on; whatever it started and left running
     * is killed afterwards.
     */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            kill();
        }
        for (ProcessHandle p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.onExit().completeOnTimeout(p, STOP_WAIT_SECONDS, TimeUnit.SECONDS).join();
            }
        }
    }
}
