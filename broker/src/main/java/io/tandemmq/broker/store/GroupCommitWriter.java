package io.tandemmq.broker.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of the store. Batches queued while a commit is running are taken together and
 * written in one JDBC transaction, so concurrent producers share one log flush: this is where the
 * persistent throughput comes from.
 *
 * <p>Two threads work as a pipeline over two connections: one applies a group's statements while
 * the other runs the guard and the commit of the group before, so a group's inserts travel to the
 * database while the previous group is being flushed. Groups are committed, and their futures
 * completed, in the order they were taken; the guard of a group waits for the commit of the one
 * before (both lock the lease row), so the store sees them in that order too.
 *
 * <p>When applying a group fails, each batch of it is retried alone so that one bad batch (for
 * example a duplicate key) fails only its own future and never its neighbours'. When the guard
 * or the commit fails, the whole group fails: nothing of it was written.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
    /** Groups in flight at once: one being applied, one being committed. */
    private static final int PIPELINE_DEPTH = 2;

    /** Applies operations on the writer's open connection without committing. */
    public interface BatchApplier {
        void apply(StatementCache statements, List<StoreOperation> operations) throws SQLException;
    }

    /** Opens one of the writer's JDBC connections (auto-commit off). */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private record Pending(StoreBatch batch, CompletableFuture<Void> done) { }

    /** A group whose statements ran on a connection, waiting for the guard and the commit. */
    private record Applied(WriterConnection on, List<Pending> group) { }

    private static final Pending STOP = new Pending(StoreBatch.of(), new CompletableFuture<>());
    private static final Applied STOP_COMMITTING = new Applied(null, List.of());

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Applied> applied = new LinkedBlockingQueue<>();
    private final List<WriterConnection> connections = new ArrayList<>();
    private final BatchApplier applier;
    private final int maxOperationsPerCommit;
    private final WriteGuard guard;
    private final Runnable onFenced;
    private final Thread thread;
    private final Thread committer;
    private volatile boolean stopped;
    private volatile boolean fenced;
    private int nextConnection;

    /**
     * @param guard checked in every write transaction, before its commit
     * @param onFenced called once, on a writer thread, when the guard refuses; no write is
     *        attempted after that
     */
    public GroupCommitWriter(String name, ConnectionSource connections, BatchApplier applier, int maxOperationsPerCommit,
                             WriteGuard guard, Runnable onFenced) {
        for (int i = 0; i < PIPELINE_DEPTH; i++) {
            this.connections.add(new WriterConnection(connections));
        }
        this.applier = applier;
        this.maxOperationsPerCommit = maxOperationsPerCommit;
        this.guard = guard;
        this.onFenced = onFenced;
        this.committer = new Thread(this::commitLoop, name + "-commit");
        this.committer.setDaemon(true);
        this.committer.start();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @see MessageStore#write(StoreBatch) */
    public CompletableFuture<Void> write(StoreBatch batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (fenced) {
            done.completeExceptionally(fencedException());
            return done;
        }
        if (stopped) {
            done.completeExceptionally(new StoreException("the store is closed"));
            return done;
        }
        if (batch.isEmpty()) {
            done.complete(null);
            return done;
        }
        queue.add(new Pending(batch, done));
        return done;
    }

    private void run() {
        try {
            List<Pending> group;
            while ((group = nextGroup()) != null) {
                write(group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applied.add(STOP_COMMITTING);
        joinQuietly(committer);
        failRemaining();
        connections.forEach(WriterConnection::close);
    }

    /** Waits for a batch, then takes whatever else is queued up to the size limit; null at STOP. */
    private List<Pending> nextGroup() throws InterruptedException {
        Pending first = queue.take();
        if (first == STOP) {
            return null;
        }
        List<Pending> group = new ArrayList<>();
        group.add(first);
        int ops = first.batch().operations().size();
        while (ops < maxOperationsPerCommit) {
            Pending next = queue.poll();
            if (next == null) {
                break;
            }
            if (next == STOP) {
                queue.add(STOP);
                break;
            }
            group.add(next);
            ops += next.batch().operations().size();
        }
        return group;
    }

    private void write(List<Pending> group) throws InterruptedException {
        if (fenced) {
            group.forEach(p -> p.done().completeExceptionally(fencedException()));
            return;
        }
        WriterConnection on = connections.get(nextConnection);
        nextConnection = (nextConnection + 1) % connections.size();
        on.take();
        try {
            applier.apply(on.statements(), operations(group));
        } catch (SQLException e) {
            on.rollback();
            on.giveBack();
            LOG.log(Level.DEBUG, "group of {0} batches failed, retrying one by one: {1}", group.size(), e.getMessage());
            retryOneByOne(group, e);
            return;
        }
        applied.add(new Applied(on, group));
    }

    private static List<StoreOperation> operations(List<Pending> group) {
        if (group.size() == 1) {
            return group.get(0).batch().operations();
        }
        List<StoreOperation> all = new ArrayList<>();
        for (Pending p : group) {
            all.addAll(p.batch().operations());
        }
        return all;
    }

    private void commitLoop() {
        while (true) {
            Applied a;
            try {
                a = applied.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (a == STOP_COMMITTING) {
                return;
            }
            commit(a);
        }
    }

    private void commit(Applied a) {
        WriterConnection on = a.on();
        try {
            checkGuard(on);
            on.commit();
            a.group().forEach(p -> p.done().complete(null));
        } catch (StoreFencedException e) {
            on.rollback();
            fence(a.group(), e);
        } catch (SQLException e) {
            on.rollback();
            a.group().forEach(p -> p.done().completeExceptionally(new StoreException("store write failed: " + e.getMessage(), e)));
        } finally {
            on.giveBack();
        }
    }

    /**
     * Writes each batch in a transaction of its own, once the groups before are committed (so that
     * futures still complete in order).
     */
    private void retryOneByOne(List<Pending> group, SQLException cause) throws InterruptedException {
        for (WriterConnection c : connections) {
            c.take();
        }
        try {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(new StoreException("store write failed: " + cause.getMessage(), cause));
                return;
            }
            WriterConnection on = connections.get(0);
            for (Pending p : group) {
                writeAlone(on, p);
            }
        } finally {
            connections.forEach(WriterConnection::giveBack);
        }
    }

    private void writeAlone(WriterConnection on, Pending p) {
        try {
            checkGuard(on);
            applier.apply(on.statements(), p.batch().operations());
            on.commit();
            p.done().complete(null);
        } catch (StoreFencedException e) {
            on.rollback();
            fence(List.of(p), e);
        } catch (SQLException e) {
            on.rollback();
            p.done().completeExceptionally(new StoreException("store write failed: " + e.getMessage(), e));
        }
    }

    /**
     * The guard runs last in the transaction, just before the commit: its lease-row lock is held
     * until the commit either way, and taking it last keeps the next group's statements from
     * waiting for this group's commit.
     */
    private void checkGuard(WriterConnection on) throws SQLException {
        if (fenced) {
            throw new StoreFencedException("this server lost its right to write to the store");
        }
        guard.check(on.statements());
    }

    private void fence(List<Pending> failed, StoreFencedException e) {
        failed.forEach(p -> p.done().completeExceptionally(new StoreException(e.getMessage(), e)));
        if (!fenced) {
            fenced = true;
            LOG.log(Level.ERROR, "store writes refused: {0}", e.getMessage());
            onFenced.run();
        }
    }

    private static StoreException fencedException() {
        return new StoreException("this server lost its right to write to the store");
    }

    private void failRemaining() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done().completeExceptionally(new StoreException("the store is closed"));
        }
    }

    /** Number of batches waiting for the writer. */
    public int backlog() {
        return queue.size();
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        queue.add(STOP);
        joinQuietly(thread);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
