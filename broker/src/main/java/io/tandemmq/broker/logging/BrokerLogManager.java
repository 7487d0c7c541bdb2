package io.tandemmq.broker.logging;

import java.util.logging.LogManager;

/**
 * The JVM's log manager, except that it leaves the handlers open when the JVM exits. The standard
 * one closes them in a shutdown hook of its own, which races the broker's hook: the line saying
 * how the broker stopped reached the console but not the log file. {@link LogSetup#close} closes
 * them once that line is written.
 *
 * <p>Installed by {@link LogSetup#installManager} before anything logs (the JVM reads the
 * {@code java.util.logging.manager} property once).
 */
public final class BrokerLogManager extends LogManager {

    /** A reset by the JVM's exit hook (or anyone else) is ignored; see {@link #closeAll}. */
    @Override
    public void reset() {
        // left open on purpose: the broker's own shutdown hook still logs
    }

    /** Closes every handler, as the standard manager does at exit. */
    void closeAll() {
        super.reset();
    }
}
