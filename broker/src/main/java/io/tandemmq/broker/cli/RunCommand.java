package io.tandemmq.broker.cli;

import io.tandemmq.broker.BrokerServer;
import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.config.BrokerConfigParser;
import io.tandemmq.broker.config.ConfigException;
import io.tandemmq.broker.fatal.ProcessHalt;
import io.tandemmq.broker.logging.LogSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** {@code run}: one broker (alone, or one server of a pair), until the process is stopped. */
final class RunCommand {

    private RunCommand() {
    }

    /** A line of this command's own, for the log file when the usual loggers cannot be relied on. */
    private static LogRecord record(Level level, String text) {
        LogRecord r = new LogRecord(level, text);
        r.setLoggerName(RunCommand.class.getName());
        return r;
    }

    static int run(List<String> args) {
        ProcessHalt.install();
        BrokerConfig config;
        try {
            config = BrokerConfigParser.parse(args);
        } catch (ConfigException e) {
            System.err.println("tandem: bad configuration:\n  " + String.join("\n  ", e.problems()));
            return 2;
        }
        try {
            LogSetup.configure(config.log());
        } catch (IOException e) {
            System.err.println("tandem: " + e.getMessage());
            return 1;
        }
        // registered before the start: a stop may come as soon as the start-up line is out
        AtomicReference<BrokerServer> started = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            BrokerServer s = started.get();
            if (s != null) {
                s.close();
            }
            LogSetup.lastLine(record(Level.INFO, config.name() + " stopped cleanly"));
            stopped.countDown();
        }, "tandem-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean dataExisted = Files.exists(config.dataDir());
        try {
            BrokerServer server = BrokerServer.start(config, line -> {
                System.out.println(line);
                System.out.flush();
            });
            started.set(server);
            System.getLogger(RunCommand.class.getName()).log(server.securityOff() ? System.Logger.Level.WARNING
                    : System.Logger.Level.INFO, server.summary());
            stopped.await();
            return 0;
        } catch (IOException e) {
            removeQuietly(hook);
            if (!dataExisted) {
                deleteIfEmpty(config.dataDir());
            }
            System.err.println("tandem: " + e.getMessage());
            LogSetup.toFileOnly(record(Level.SEVERE, "could not start: " + e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            removeQuietly(hook);
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A start that failed leaves no empty data folder of its own behind (one with files in it is kept). */
    private static void deleteIfEmpty(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir);
        } catch (IOException e) {
            // not empty, or not ours to delete: kept
        }
    }

    /** A start that failed did not serve: nothing to stop, nothing to say at exit. */
    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }
}
