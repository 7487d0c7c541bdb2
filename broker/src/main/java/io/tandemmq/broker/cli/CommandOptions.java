package io.tandemmq.broker.cli;

import io.tandemmq.client.shell.ToolOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} (or {@code --name=value}) options of the small commands. Every problem
 * (an unknown option, a missing or bad value) is collected, so that a command can report them all
 * at once and exit with 2.
 */
final class CommandOptions {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private CommandOptions() {
    }

    /** Reads {@code args}; options not in {@code known} and arguments without dashes are problems. */
    static CommandOptions parse(List<String> args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    /**
     * Like {@link #parse(List, Set)}, where the options in {@code flags} take no value ({@code --json};
     * {@code --json=false} turns one off).
     */
    static CommandOptions parse(List<String> args, Set<String> known, Set<String> flags) {
        ToolOptions read = ToolOptions.parse(args, known, flags, Set.of());
        CommandOptions o = new CommandOptions();
        o.values.putAll(read.values());
        o.problems.addAll(read.problems());
        return o;
    }

    /** Whether a flag was given (and not as {@code --flag=false}). */
    boolean flag(String key) {
        return "true".equalsIgnoreCase(values.getOrDefault(key, "false"));
    }

    String get(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    /** A value that must be given; its absence is a problem. */
    String required(String key) {
        String v = values.get(key);
        if (v == null && problems.stream().noneMatch(p -> p.startsWith("--" + key + " "))) {
            problems.add("--" + key + " is required");
        }
        return v;
    }

    /** A TCP port (1..65535); {@code dflt} when absent, -1 when absent and required or bad. */
    int port(String key, int dflt) {
        String text = values.get(key);
        if (text == null) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(text.trim());
            if (p < 1 || p > 65535) {
                problems.add("--" + key + ": " + p + " is outside 1..65535");
                return -1;
            }
            return p;
        } catch (NumberFormatException e) {
            problems.add("--" + key + ": '" + text + "' is not a port number");
            return -1;
        }
    }

    /** The {@code --url} option ({@code dflt} when absent), checked by the client's own parser. */
    String url(String dflt) {
        String url = get("url", dflt);
        String problem = ToolOptions.urlProblem(url);
        if (problem != null) {
            problems.add(problem);
        }
        return url;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    List<String> problems() {
        return problems;
    }

    /** Prints the problems for {@code command} (one problem on one line); returns the exit code 2. */
    int usageError(String command) {
        System.err.println(problems.size() == 1 ? "tandem " + command + ": " + problems.get(0)
                : "tandem " + command + ": bad options:\n  " + String.join("\n  ", problems));
        return 2;
    }
}
