package io.tandemmq.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One broker ({@code run}) across its restarts: its client port, its command-line arguments and
 * the role it last printed ({@code tandem: <name> <role> tandem://host:port}), with the moment this
 * process read that line.
 */
final class Broker {
    private static final Pattern ROLE_LINE = Pattern.compile("^tandem: (\\S+) (\\S+) tandem://\\S+$");

    private final String name;
    private final int port;
    private final List<String> args;
    private volatile ChildProcess process;
    private volatile String role = "starting";
    private volatile long roleNanos;

    Broker(String name, int port, List<String> args) {
        this.name = name;
        this.port = port;
        this.args = List.copyOf(args);
    }

    String name() {
        return name;
    }

    /** This server alone. */
    String url() {
        return "tandem://127.0.0.1:" + port;
    }

    List<String> args() {
        return args;
    }

    ChildProcess process() {
        return process;
    }

    void attach(ChildProcess p) {
        role = "starting";
        process = p;
    }

    /** The listener for this broker's output lines. */
    void onLine(String line) {
        Matcher m = ROLE_LINE.matcher(line);
        if (m.matches() && m.group(1).equals(name)) {
            roleNanos = System.nanoTime();
            role = m.group(2);
        }
    }

    /** Marks the broker dead after a kill, so that an old role line is not taken for its state. */
    void killed() {
        role = "killed";
    }

    String role() {
        return role;
    }

    /** System.nanoTime when the latest role line was read. */
    long roleNanos() {
        return roleNanos;
    }

    @Override
    public String toString() {
        return name + " (" + role + ")";
    }
}
