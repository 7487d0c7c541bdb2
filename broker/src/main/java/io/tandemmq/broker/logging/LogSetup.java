package io.tandemmq.broker.logging;

import io.tandemmq.broker.config.LogConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Points java.util.logging (behind {@link System.Logger}, which the broker logs through) at
 * standard error and the optional file, one line per record. Called first by every command with
 * the defaults, and again by {@code run} with its {@code --log-level} and {@code --log-file}.
 * A {@code -Djava.util.logging.config.file} given to the JVM wins: nothing is changed then.
 */
public final class LogSetup {
    /** Each log file is rolled at this size; this many are kept ({@code FILE.0} newest). */
    static final int FILE_LIMIT_BYTES = 10 * 1024 * 1024;
    static final int FILE_COUNT = 5;

    /** The log file's handler while one is configured: start-up failures are written to it too. */
    private static volatile Handler file;

    private LogSetup() {
    }

    /**
     * Makes {@link BrokerLogManager} the JVM's log manager, so that the last lines of a stopping
     * broker reach the log file. Call first in {@code main}, before anything logs; does nothing
     * when the JVM was given a log manager of its own.
     */
    public static void installManager() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", BrokerLogManager.class.getName());
        }
    }

    /**
     * Writes a record to the log file only (the caller has said it on the console in its own
     * words), for a failure before the broker served: without it the file of a broker that could
     * not start stayed empty.
     */
    public static void toFileOnly(LogRecord record) {
        Handler h = file;
        if (h != null) {
            h.publish(record);
            h.flush();
        }
    }

    /**
     * Closes the handlers when {@link BrokerLogManager} keeps them open at exit (a command that
     * ends by returning, such as a {@code run} that could not start: else its log file's lock
     * file stays behind).
     */
    public static void close() {
        if (LogManager.getLogManager() instanceof BrokerLogManager manager) {
            manager.closeAll();
        }
    }

    /**
     * Logs the broker's last line and closes the handlers, when {@link BrokerLogManager} keeps them
     * open at exit; else the line goes straight to standard error (the JVM's own manager closes its
     * handlers at exit, maybe before this runs).
     */
    public static void lastLine(LogRecord record) {
        if (LogManager.getLogManager() instanceof BrokerLogManager manager) {
            Logger.getLogger(record.getLoggerName()).log(record);
            manager.closeAll();
        } else {
            System.err.print(new OneLineFormatter(false).format(record));
        }
    }

    /**
     * @throws IOException when the log file cannot be opened (the message names it)
     */
    public static void configure(LogConfig config) throws IOException {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        boolean traces = config.julLevel().intValue() <= java.util.logging.Level.FINE.intValue();
        List<Handler> targets = new ArrayList<>();
        ConsoleHandler console = new ConsoleHandler();
        targets.add(console);
        Handler fileTarget = config.file() == null ? null : fileHandler(config.file());
        if (fileTarget != null) {
            targets.add(fileTarget);
        }
        for (Handler h : targets) {
            h.setFormatter(new OneLineFormatter(traces));
            h.setLevel(config.julLevel());
        }
        RepeatFolding folding = new RepeatFolding(targets.toArray(new Handler[0]));
        folding.setLevel(config.julLevel());
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler old : root.getHandlers()) {
            root.removeHandler(old);
            old.close();
        }
        root.addHandler(folding);
        root.setLevel(config.julLevel());
        file = fileTarget;
    }

    private static Handler fileHandler(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new FileHandler(file.toAbsolutePath() + ".%g", FILE_LIMIT_BYTES, FILE_COUNT, true);
        } catch (IOException | SecurityException e) {
            throw new IOException("--log-file: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
