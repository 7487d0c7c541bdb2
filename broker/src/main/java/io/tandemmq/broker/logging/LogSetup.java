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

    private LogSetup() {
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
        if (config.file() != null) {
            targets.add(fileHandler(config.file()));
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
