package io.tandemmq.broker.logging;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Derby's own text in the broker's line format ({@code 2026-12-05 05:46:10.421 INFO  Derby: ...}):
 * its {@code derby.log} and the network server's console lines. Derby writes reports of several
 * lines (boot details, a stack trace) under a date of its own without milliseconds and between
 * rules of dashes; here every line of text is a line of its own with the time it was written, and
 * Derby's dates and rules are left out.
 */
public final class DerbyLog extends Writer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    /** Derby's date: {@code Sat Dec 05 20:24:43 UTC 2026}, alone on a report's first line or before " : ". */
    private static final Pattern DERBY_DATE = Pattern.compile("^\\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4}\\s*:?\\s*");
    private static final Pattern RULE = Pattern.compile("^-+$");

    private static volatile Path file;

    private final Writer target;
    private final StringBuilder line = new StringBuilder();

    public DerbyLog(Writer target) {
        this.target = target;
    }

    /**
     * Points the embedded Derby's log at {@code folder/derby.log} in this format, unless the JVM
     * was told where Derby logs ({@code -Dderby.stream.error.file}). Derby reads it when it boots.
     */
    public static void inFolder(Path folder) {
        if (System.getProperty("derby.stream.error.file") != null) {
            return;
        }
        file = folder.toAbsolutePath().resolve("derby.log");
        System.setProperty("derby.stream.error.method", DerbyLog.class.getName() + ".derbyLog");
    }

    /** Called by Derby ({@code derby.stream.error.method}) when it boots: appends to the folder's derby.log. */
    public static Writer derbyLog() throws IOException {
        Path f = file;
        return new DerbyLog(Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    @Override
    public synchronized void write(char[] chars, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() throws IOException {
        String text = DERBY_DATE.matcher(line).replaceFirst("").strip();
        line.setLength(0);
        if (text.isEmpty() || RULE.matcher(text).matches()) {
            return;
        }
        target.write(TIME.format(Instant.now()) + " INFO  Derby: " + text + System.lineSeparator());
        // Derby's reports are rare and wanted most when the process is about to die
        target.flush();
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!line.isEmpty()) {
            emit();
        }
        target.close();
    }
}
