package io.tandemmq.broker.core;

import io.tandemmq.broker.fatal.ProcessHalt;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The broker's one core thread. All broker state belongs to it; network threads and the store
 * writer hand work over with {@link #execute}. One thread keeps delivery order and transaction
 * outcomes simple to reason about; JDBC writes happen elsewhere, so it is rarely busy.
 */
public final class CoreExecutor implements Executor {
    private static final Logger LOG = System.getLogger(CoreExecutor.class.getName());
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread coreThread;

    public CoreExecutor() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tandem-core");
            t.setDaemon(true);
            coreThread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> runLogged(task));
    }

    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return executor.schedule(() -> runLogged(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    public ScheduledFuture<?> scheduleEvery(Runnable task, long periodMillis) {
        return executor.scheduleWithFixedDelay(() -> runLogged(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    public boolean inCoreThread() {
        return Thread.currentThread() == coreThread;
    }

    /**
     * The core thread rule, checked where work enters the core: broker state is touched on the
     * core thread only. Cheap (one reference comparison), so it stays on in production.
     *
     * @param what the entry point, for the message
     * @throws IllegalStateException when called from another thread: a bug, the caller should
     *         have handed the work over with {@link #execute}; nothing was changed
     */
    public void checkCoreThread(String what) {
        if (!inCoreThread()) {
            throw new IllegalStateException(what + " must run on the broker's core thread, not on "
                    + Thread.currentThread().getName());
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            ProcessHalt.haltIfFatal(e, "a task of the core thread");
            // a bug in one task must not stop the core thread for every client
            LOG.log(Level.ERROR, "core task failed", e);
        }
    }

    public void shutdown() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
