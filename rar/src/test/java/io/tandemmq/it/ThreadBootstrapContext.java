package io.tandemmq.it;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A bootstrap context for the resource adapter tests, standing in for an application server's: its
 * work manager runs each work on a thread of its own pool. {@link #close()} stops the pool.
 */
final class ThreadBootstrapContext implements BootstrapContext, WorkManager, AutoCloseable {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @Override
    public WorkManager getWorkManager() {
        return this;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    @Override
    public void doWork(Work work) {
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext ec, WorkListener listener) {
        work.run();
    }

    @Override
    public long startWork(Work work) {
        threads.execute(work);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext ec, WorkListener listener) {
        threads.execute(work);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) {
        threads.execute(work);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext ec, WorkListener listener) {
        threads.execute(work);
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}
