package io.tandemmq.broker.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code 2026-12-05 05:46:10.421 WARN  PairNode: the message (java.io.IOException: why; caused by ...)}:
 * one line per record, so that a log can be read with grep and tail. An exception is summed up on
 * the same line (its class and message, then its causes'); its stack trace follows only when
 * {@code withStackTraces} (the debug level), for developers.
 */
public final class OneLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final boolean withStackTraces;

    public OneLineFormatter(boolean withStackTraces) {
        this.withStackTraces = withStackTraces;
    }

    /** The level as operators name it: ERROR, WARN, INFO, DEBUG, TRACE. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(Instant.ofEpochMilli(r.getMillis()), line);
        line.append(' ').append(String.format("%-5s", levelName(r.getLevel()))).append(' ')
                .append(shortName(r.getLoggerName())).append(": ").append(oneLine(formatMessage(r)));
        Throwable t = r.getThrown();
        if (t != null) {
            line.append(" (").append(summary(t)).append(')');
        }
        line.append(System.lineSeparator());
        if (t != null && withStackTraces) {
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    static String shortName(String logger) {
        if (logger == null || logger.isEmpty()) {
            return "root";
        }
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace("\r\n", " | ").replace('\n', ' ').replace('\r', ' ');
    }

    /** {@code Class: message; caused by Class: message}, at most a few causes deep. */
    static String summary(Throwable t) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 5; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (depth > 0) {
                s.append("; caused by ");
            }
            s.append(c.getClass().getName());
            if (c.getMessage() != null) {
                s.append(": ").append(oneLine(c.getMessage()));
            }
        }
        return s.toString();
    }
}
