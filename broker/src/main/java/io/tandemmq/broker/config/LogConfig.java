package io.tandemmq.broker.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where and how much a broker logs.
 *
 * @param level the lowest level written: {@code error}, {@code warn}, {@code info} (the default) or {@code debug}
 * @param file a file the log also goes to (rolled at 10 MB, five kept), or null for standard error only
 */
public record LogConfig(String level, Path file) {
    private static final java.util.List<String> LEVELS = java.util.List.of("error", "warn", "info", "debug");
    public static final LogConfig DEFAULT = new LogConfig("info", null);

    public LogConfig {
        level = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("'" + level + "' is not a log level; give one of " + String.join(", ", LEVELS));
        }
    }

    /** The java.util.logging level. */
    public java.util.logging.Level julLevel() {
        return switch (level) {
            case "error" -> java.util.logging.Level.SEVERE;
            case "warn" -> java.util.logging.Level.WARNING;
            case "debug" -> java.util.logging.Level.FINE;
            default -> java.util.logging.Level.INFO;
        };
    }
}
