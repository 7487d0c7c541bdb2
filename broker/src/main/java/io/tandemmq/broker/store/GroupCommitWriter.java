package io.tandemmq.broker.store;

import io.tandemmq.broker.fatal.ProcessHalt;

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
 * A writer of the store. Batches queued while a commit is running are taken together and
 * written in one JDBC transaction, so concurrent producers share one log flush: this is where the
 * persistent throughput comes from.
 *
 * <p>A group waits a moment for batches that are on their way: when fewer are queued than the
 * last group had, the writer gives the missing ones up to {@link #GATHER_MICROS} µs to arrive.
 * Synchronous producers answered by one commit send their next messages at about the same time,
 * and without the wait the first of them would start a commit alone and leave the others for the
 * one after it. A lone producer never waits (its last group had one batch).
 *
 * <p>When a group fails, each batch of it is retried alone so that one bad batch (for example a
 * duplicate key) fails only its own future and never its neighbours'.
 *
 * <p>Commit outcomes are never guessed: every transaction starts with its {@link CommitMark}. When
 * the connection fails during COMMIT, the writer reconnects and reads the mark before it answers
 * or writes anything else; until the store answers, the group's futures stay incomplete. If the
 * writer is closed first (the server fenced itself or stops), they fail with
 * {@link StoreOutcomeUnknownException}, never with a plain failure.
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

    /** The longest a writer waits for the rest of a group, well below one commit's time. */
    static final long GATHER_MICROS = 200;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConnectionSource connections;
    private final BatchApplier applier;
    private final int maxOperationsPerCommit;
    private final CommitMarks marks;
    private final WriteGuard guard;
    private final boolean oneTrip;
    private final Runnable onFenced;
    private final StoreObserver observer;
    private final long gatherNanos;
    private final Thread thread;
    /** Batches in the last group committed; the writer thread's own. */
    private int lastGroupSize = 1;
    private volatile boolean stopped;
    private volatile boolean fenced;
    /** System.nanoTime() when the COMMIT in progress was sent; 0 when none is. */
    private volatile long commitSince;
    private Connection connection;
    private StatementCache statements;

    /**
     * @param serverId names this writer's commit marks (unique per server instance)
     * @param guard writes the commit mark, first in every write transaction
     * @param dialect the database's, for reading a cut-off commit's mark
     * @param onFenced called once, on the writer thread, when the guard refuses; no write is
     *        attempted after that
     */
    public GroupCommitWriter(String name, ConnectionSource connections, BatchApplier applier, int maxOperationsPerCommit,
                             String serverId, WriteGuard guard, SqlDialect dialect, Runnable onFenced) {
        this(name, connections, applier, maxOperationsPerCommit, serverId, guard, dialect, onFenced, StoreObserver.NONE);
    }

    /** @param observer told of every commit, on this writer's thread */
    public GroupCommitWriter(String name, ConnectionSource connections, BatchApplier applier, int maxOperationsPerCommit,
                             String serverId, WriteGuard guard, SqlDialect dialect, Runnable onFenced,
                             StoreObserver observer) {
        this(name, connections, applier, maxOperationsPerCommit, serverId, guard, dialect, onFenced, observer,
                TimeUnit.MICROSECONDS.toNanos(GATHER_MICROS));
    }

    /** @param gatherNanos how long a group waits for the batches its predecessor had and it lacks */
    GroupCommitWriter(String name, ConnectionSource connections, BatchApplier applier, int maxOperationsPerCommit,
                      String serverId, WriteGuard guard, SqlDialect dialect, Runnable onFenced,
                      StoreObserver observer, long gatherNanos) {
        this.observer = observer;
        this.gatherNanos = gatherNanos;
        this.connections = connections;
        this.applier = applier;
        this.maxOperationsPerCommit = maxOperationsPerCommit;
        this.marks = new CommitMarks(serverId, guard, dialect);
        this.guard = guard;
        this.oneTrip = dialect.writesGroupsInOneTrip();
        this.onFenced = onFenced;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @see MessageStore#write(StoreBatch) */
    public CompletableFuture<Void> write(StoreBatch batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (fenced) {
            done.completeExceptionally(new StoreClosedException("this server lost its right to write to the store"));
            return done;
        }
        if (stopped) {
            done.completeExceptionally(new StoreClosedException("the store is closed"));
            return done;
        }
        if (batch.isEmpty()) {
            done.complete(null);
            return done;
        }
        Pending pending = new Pending(batch, done);
        queue.add(pending);
        // closed meanwhile: the writer may have drained the queue already, and nobody would settle it
        if (stopped && queue.remove(pending)) {
            done.completeExceptionally(new StoreClosedException("the store is closed"));
        }
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
                gather(group, first.batch().operations().size());
                lastGroupSize = group.size();
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

    /**
     * Adds what is queued to the group, then waits up to {@link #gatherNanos} for as many batches
     * as the last group had. Stops at the operation limit and at the close marker (left queued).
     */
    private void gather(List<Pending> group, int firstOps) throws InterruptedException {
        int ops = firstOps;
        long deadline = System.nanoTime() + gatherNanos;
        while (ops < maxOperationsPerCommit) {
            Pending next = queue.poll();
            if (next == null && group.size() < lastGroupSize) {
                long left = deadline - System.nanoTime();
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            }
            if (next == null) {
                return;
            }
            if (next == STOP) {
                queue.add(STOP);
                return;
            }
            group.add(next);
            ops += next.batch().operations().size();
        }
    }

    private void commitGroup(List<Pending> group) {
        List<StoreOperation> all = new ArrayList<>();
        for (Pending p : group) {
            all.addAll(p.batch().operations());
        }
        SQLException failure = write(group, all);
        if (failure == null) {
            return;
        }
        if (group.size() == 1) {
            group.get(0).done().completeExceptionally(new StoreException("store write failed: " + failure.getMessage(), failure));
            return;
        }
        LOG.log(Level.DEBUG, "group of {0} batches failed, retrying one by one: {1}", group.size(), failure.getMessage());
        for (Pending p : group) {
            SQLException alone = write(List.of(p), p.batch().operations());
            if (alone != null) {
                p.done().completeExceptionally(new StoreException("store write failed: " + alone.getMessage(), alone));
            }
        }
    }

    /**
     * Writes the operations in one transaction and settles the futures, except when the database
     * refused the transaction. A connection that broke before the commit is reopened and the
     * transaction written again (nothing of it was stored) for as long as the writer runs; the
     * server fences itself when the store stays away, and closing the writer ends the wait.
     *
     * @return null when the futures are settled; the database's refusal otherwise
     */
    private SQLException write(List<Pending> group, List<StoreOperation> operations) {
        long pause = 20;
        long start = System.nanoTime();
        while (true) {
            if (fenced) {
                failClosed(group, "this server lost its right to write to the store");
                return null;
            }
            try {
                applyAndCommit(operations);
                observer.committed(System.nanoTime() - start, group.size(), operations.size());
                group.forEach(p -> p.done().complete(null));
                return null;
            } catch (StoreFencedException e) {
                fence(group, e);
                return null;
            } catch (CommitCutOff e) {
                if (settleCutOff(group, e)) {
                    return null;
                }
            } catch (SQLException e) {
                // Derby reports an OutOfMemoryError of its own as an SQLException: trying again only loops
                ProcessHalt.haltIfFatal(e, "the store writer");
                if (connection != null && !isTransient(e)) {
                    return e;
                }
                LOG.log(Level.DEBUG, "store write to be tried again: {0}", e.getMessage());
            }
            // a writer being closed does not wait for a store that went away
            if (stopped || !pause(pause)) {
                failClosed(group, "the store is closed");
                return null;
            }
            pause = Math.min(pause * 2, 500);
        }
    }

    /**
     * A deadlock or serialization failure: the database rolled the transaction back because of
     * another writer's, and the same transaction succeeds when written again (writers of different
     * lanes may touch the same rows in different orders).
     */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "40XL1".equals(state) || "40XL2".equals(state);
    }

    private static void failClosed(List<Pending> group, String why) {
        group.forEach(p -> p.done().completeExceptionally(new StoreClosedException(why)));
    }

    /** @return false when interrupted */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The connection failed during COMMIT: the transaction may or may not have been committed. */
    private static final class CommitCutOff extends SQLException {
        private static final long serialVersionUID = 1L;
        private final transient CommitMark mark;

        CommitCutOff(CommitMark mark, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.mark = mark;
        }
    }

    /**
     * Learns from the store whether a cut-off commit happened, waiting as long as it takes unless
     * the writer is closed meanwhile.
     *
     * @return true when the futures were completed (committed, or outcome unknown); false when the
     *         store says it was not committed, so the caller handles it as a failed write
     */
    private boolean settleCutOff(List<Pending> group, CommitCutOff cut) {
        LOG.log(Level.WARNING, "the store connection failed during a commit ({0}); reading its outcome mark",
                cut.getMessage());
        CommitMarks.Outcome outcome = resolve(cut.mark);
        observer.outcomeMarkRead(outcome == null || outcome == CommitMarks.Outcome.UNKNOWABLE ? "unknown"
                : outcome.name().toLowerCase().replace('_', ' '));
        LOG.log(Level.WARNING, "the cut-off commit: {0}", outcome == null ? "outcome unknown, the writer stopped"
                : outcome.name().toLowerCase().replace('_', ' '));
        if (outcome == CommitMarks.Outcome.COMMITTED) {
            group.forEach(p -> p.done().complete(null));
            return true;
        }
        if (outcome == CommitMarks.Outcome.NOT_COMMITTED) {
            return false;
        }
        group.forEach(p -> p.done().completeExceptionally(new StoreOutcomeUnknownException(
                "the store connection failed during the commit and its outcome could not be read: " + cut.getMessage(), cut)));
        return true;
    }

    /** @return the outcome, or null when the writer was closed before the store answered */
    private CommitMarks.Outcome resolve(CommitMark mark) {
        long pause = 20;
        while (!stopped) {
            try {
                CommitMarks.Outcome outcome = marks.resolve(connection(), mark);
                if (outcome == CommitMarks.Outcome.UNKNOWABLE) {
                    return null;
                }
                if (outcome != null) {
                    return outcome;
                }
            } catch (SQLException e) {
                closeConnection();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            pause = Math.min(pause * 2, 500);
        }
        return null;
    }

    private void fence(List<Pending> failed, StoreFencedException e) {
        failed.forEach(p -> p.done().completeExceptionally(new StoreClosedException(e.getMessage(), e)));
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
        CommitMark mark = marks.next();
        if (oneTrip && !CommitMarks.prunes(mark) && OneTripGroup.fits(operations)) {
            writeInOneTrip(c, mark, operations);
            return;
        }
        try {
            marks.write(statements, mark);
            applier.apply(statements, operations);
        } catch (SQLException e) {
            // no COMMIT was sent: the database rolls the transaction back, also if the connection is gone
            rollbackQuietly(c);
            if (isConnectionBroken(c)) {
                closeConnection();
            }
            throw e;
        }
        commitSince = System.nanoTime();
        try {
            c.commit();
        } catch (SQLException e) {
            if (!isConnectionBroken(c)) {
                // the database answered: it refused the commit and rolled back
                rollbackQuietly(c);
                throw e;
            }
            closeConnection();
            throw new CommitCutOff(mark, e);
        } finally {
            commitSince = 0;
        }
    }

    /**
     * The group as one auto-committed statement ({@link OneTripGroup}). Its failures mean what the
     * general path's do: refused by the database (nothing written), fenced (nothing written), or
     * the connection broke while it ran (outcome unknown until the mark is read).
     */
    private void writeInOneTrip(Connection c, CommitMark mark, List<StoreOperation> operations) throws SQLException {
        String leaseOwner = guard.leaseOwner();
        c.setAutoCommit(true);
        commitSince = System.nanoTime();
        try {
            if (!OneTripGroup.write(statements, mark, leaseOwner, operations)) {
                throw new StoreFencedException("the store's lease is no longer held by " + leaseOwner + " at epoch "
                        + mark.epoch());
            }
        } catch (StoreFencedException e) {
            throw e;
        } catch (SQLException e) {
            if (!isConnectionBroken(c)) {
                throw e;
            }
            closeConnection();
            throw new CommitCutOff(mark, e);
        } finally {
            commitSince = 0;
            restoreTransactions(c);
        }
    }

    /** Back to explicit transactions for the general path, unless the connection was closed meanwhile. */
    private void restoreTransactions(Connection c) {
        if (connection != c) {
            return;
        }
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            closeConnection();
        }
    }

    /** How long the COMMIT in progress has waited for the database; 0 when none is in progress. */
    public long commitWaitMillis() {
        long since = commitSince;
        return since == 0 ? 0 : java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
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
            p.done().completeExceptionally(new StoreClosedException("the store is closed"));
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
