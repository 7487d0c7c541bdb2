package io.tandemmq.client.shell;

import io.tandemmq.client.transport.ClientOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of the command-line tools ({@code send}, {@code receive}, {@code browse}, and the
 * broker's small commands): {@code --name value}, {@code --name=value}, flags without a value, and
 * options that may repeat ({@code --property}). Every problem is collected so that all are
 * reported at once.
 */
public final class ToolOptions {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ToolOptions() {
    }

    /**
     * Reads {@code args}: options not in the sets, arguments without dashes, a missing value and an
     * option given twice are problems. A value may not start with {@code --} unless given as
     * {@code --name=value}.
     */
    public static ToolOptions parse(List<String> args, Set<String> known, Set<String> flags, Set<String> repeatable) {
        ToolOptions o = new ToolOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                o.problems.add("unexpected argument '" + arg + "'");
                continue;
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (flags.contains(key)) {
                value = "true";
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            }
            if (!known.contains(key) && !flags.contains(key) && !repeatable.contains(key)) {
                o.problems.add("unknown option --" + key);
            } else if (value == null) {
                o.problems.add("--" + key + " needs a value");
            } else if (repeatable.contains(key)) {
                o.repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } else if (o.values.containsKey(key)) {
                o.problems.add("--" + key + " is given twice");
            } else {
                o.values.put(key, value);
            }
        }
        return o;
    }

    /** The single-valued options given, by name without dashes. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    String get(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean flag(String key) {
        return "true".equalsIgnoreCase(values.getOrDefault(key, "false"));
    }

    List<String> all(String key) {
        return repeated.getOrDefault(key, List.of());
    }

    /** A whole number from {@code min} up; {@code dflt} when absent. */
    long number(String key, long dflt, long min) {
        String text = values.get(key);
        if (text == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--" + key + ": '" + text + "' is not a whole number of at least " + min);
        return dflt;
    }

    void problem(String text) {
        problems.add(text);
    }

    /** The {@code --url} option ({@code dflt} when absent); a URL the client would refuse is a problem. */
    String url(String dflt) {
        String url = values.getOrDefault("url", dflt);
        String problem = urlProblem(url);
        if (problem != null) {
            problems.add(problem);
        }
        return url;
    }

    /**
     * What is wrong with a client URL, as one line naming {@code --url}, or null when the client
     * accepts it. Every tool checks its URL with the client's own parser, so that a URL one tool
     * takes another does not refuse.
     */
    public static String urlProblem(String url) {
        try {
            ClientOptions.parse(url);
            return null;
        } catch (IllegalArgumentException e) {
            return "--url: " + e.getMessage();
        }
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * The password of {@code --password-file}: its first line. Null without the option.
     *
     * @throws IOException naming the file when it cannot be read or is empty
     */
    String password() throws IOException {
        String file = values.get("password-file");
        if (file == null) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IOException("--password-file " + file + ": the file is empty; put the password on its first line");
            }
            return lines.get(0);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("--password-file " + file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("--password-file " + file + ": not readable by this user", e);
        }
    }
}
