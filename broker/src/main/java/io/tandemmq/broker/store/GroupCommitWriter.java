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
 * <p>When a group fails, each batch of it is retried alone so that one bad batch (for example a
 * duplicate key) fails only its own future and never its neighbours'.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = System.getLogger(GroupCommitWriter.class.getName());

    /** Applies operations on the writer's open connection without committing. */
    public interface BatchApplier {
        void apply(StatementCache statements, List<StoreOperation> operations) throws SQLException;
    }

    /** Opens the writer's JDBC connection (auto-commit off). */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private record Pending(StoreBatch batch, CompletableFuture<Void> done) { }

    private static final Pending STOP = new Pending(StoreBatch.of(), new CompletableFuture<>());

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConnectionSource connections;
    private final BatchApplier applier;
    private final int maxOperationsPerCommit;
    private final WriteGuard guard;
    private final Runnable onFenced;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean fenced;
    private Connection connection;
    private StatementCache statements;

    /**
     * @param guard checked first in every write transaction
     * @param onFenced called once, on the writer thread, when the guard refuses; no write is
     *        attempted after that
     */
    public GroupCommitWriter(String name, ConnectionSource connections, BatchApplier applier, int maxOperationsPerCommit,
                             WriteGuard guard, Runnable onFenced) {
        this.connections = connections;
        this.applier = applier;
        this.maxOperationsPerCommit = maxOperationsPerCommit;
        this.guard = guard;
        this.onFenced = onFenced;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @see MessageStore#write(StoreBatch) */
    public CompletableFuture<Void> write(StoreBatch batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (fenced) {
            done.completeExceptionally(new StoreException("this server lost its right to write to the store"));
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
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.take();
                if (first == STOP) {
                    break;
                }
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
                commitGroup(group);
            } catch (InterruptedException e) {
                break;
            } finally {
                group.clear();
            }
        }
        failRemaining();
        closeConnection();
    }

    private void commitGroup(List<Pending> group) {
        if (fenced) {
            group.forEach(p -> p.done().completeExceptionally(new StoreException("this server lost its right to write to the store")));
            return;
        }
        List<StoreOperation> all = new ArrayList<>();
        for (Pending p : group) {
            all.addAll(p.batch().operations());
        }
        try {
            applyAndCommit(all);
            group.forEach(p -> p.done().complete(null));
            return;
        } catch (StoreFencedException e) {
            fence(group, e);
            return;
        } catch (SQLException e) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(new StoreException("store write failed: " + e.getMessage(), e));
                return;
            }
            LOG.log(Level.DEBUG, "group of {0} batches failed, retrying one by one: {1}", group.size(), e.getMessage());
        }
        for (Pending p : group) {
            try {
                applyAndCommit(p.batch().operations());
                p.done().complete(null);
            } catch (StoreFencedException e) {
                fence(List.of(p), e);
            } catch (SQLException e) {
                p.done().completeExceptionally(new StoreException("store write failed: " + e.getMessage(), e));
            }
        }
    }

    private void fence(List<Pending> failed, StoreFencedException e) {
        failed.forEach(p -> p.done().completeExceptionally(new StoreException(e.getMessage(), e)));
        if (!fenced) {
            fenced = true;
            LOG.log(Level.ERROR, "store writes refused: {0}", e.getMessage());
            onFenced.run();
        }
    }

    private void applyAndCommit(List<StoreOperation> operations) throws SQLException {
        if (fenced) {
            throw new StoreFencedException("this server lost its right to write to the store");
        }
        Connection c = connection();
        try {
            guard.check(statements);
            applier.apply(statements, operations);
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            if (isConnectionBroken(c)) {
                closeConnection();
            }
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.open();
            statements = new StatementCache(connection);
        }
        return connection;
    }

    private static boolean isConnectionBroken(Connection c) {
        try {
            return c.isClosed() || !c.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is probably gone; the caller reopens it
        }
    }

    private void closeConnection() {
        if (connection != null) {
            statements.close();
            statements = null;
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            connection = null;
        }
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
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
