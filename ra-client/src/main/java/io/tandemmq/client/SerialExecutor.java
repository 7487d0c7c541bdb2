package io.tandemmq.client;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in order, on threads of a shared pool: a session's message listeners
 * and completion listeners must never run concurrently, but sessions need no thread each.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private volatile Thread current;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (!running) {
            running = true;
            pool.execute(this::drain);
        }
    }

    private void drain() {
        current = Thread.currentThread();
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "session task failed", e);
                }
            }
        } finally {
            current = null;
        }
    }

    /** Whether the calling thread is running one of this executor's tasks. */
    boolean isCurrentThread() {
        return current == Thread.currentThread();
    }
}
