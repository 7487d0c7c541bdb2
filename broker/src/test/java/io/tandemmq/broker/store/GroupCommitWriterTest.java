package io.tandemmq.broker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's pipeline on embedded Derby: every batch committed once, futures completed in the
 * order the batches were queued, one bad batch failing alone, and a refusing guard stopping all
 * writes. Each batch inserts one row, its operation's id, into a table with the id as key.
 */
class GroupCommitWriterTest {
    @TempDir
    Path dir;
    private String url;
    private GroupCommitWriter writer;

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE T (ID BIGINT NOT NULL PRIMARY KEY)");
            s.executeUpdate(SqlDialect.COMMIT_MARK_TABLE);
        }
    }

    @AfterEach
    void shutdown() {
        if (writer != null) {
            writer.close();
        }
        DerbyDialect.INSTANCE.shutdown(url);
    }

    private GroupCommitWriter writer(WriteGuard guard, Runnable onFenced) {
        writer = new GroupCommitWriter("test-writer", this::open, GroupCommitWriterTest::insertIds, 2000, "test", guard,
                DerbyDialect.INSTANCE, onFenced);
        return writer;
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        return c;
    }

    /** How the first COMMIT of a {@link #cutOnce} writer's first connection ends. */
    private enum Cut { AFTER_COMMIT, BEFORE_COMMIT }

    /**
     * A writer whose first connection loses its link at the first COMMIT, either after the database
     * committed (the answer is lost) or before (the COMMIT never arrives); later connections are sound.
     */
    private GroupCommitWriter cutOnce(Cut cut) {
        AtomicBoolean first = new AtomicBoolean(true);
        writer = new GroupCommitWriter("test-writer", () -> {
            Connection real = open();
            if (!first.getAndSet(false)) {
                return real;
            }
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            if (cut == Cut.AFTER_COMMIT) {
                                real.commit();
                            } else {
                                real.rollback();
                            }
                            real.close();
                            throw new SQLException("connection reset", "08006");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }, GroupCommitWriterTest::insertIds, 2000, "test", WriteGuard.UNFENCED, DerbyDialect.INSTANCE, () -> { });
        return writer;
    }

    private static void insertIds(StatementCache statements, List<StoreOperation> operations) throws SQLException {
        PreparedStatement ps = statements.prepare("INSERT INTO T (ID) VALUES (?)");
        for (StoreOperation op : operations) {
            ps.setLong(1, ((StoreOperation.DeleteMessage) op).id());
            ps.executeUpdate();
        }
    }

    private static StoreBatch row(long id) {
        return StoreBatch.of(new StoreOperation.DeleteMessage(id));
    }

    private List<Long> storedIds() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM T ORDER BY ID")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void concurrentWriters_everyBatchIsCommittedOnce_andFuturesCompleteInQueueOrder() throws Exception {
        GroupCommitWriter w = writer(WriteGuard.UNFENCED, () -> { });
        List<Long> completed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long base = t * 1_000L;
            threads.add(new Thread(() -> {
                for (long i = 0; i < 500; i++) {
                    long id = base + i;
                    all.add(w.write(row(id)).thenRun(() -> completed.add(id)));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertEquals(2_000, storedIds().size());
        for (int t = 0; t < 4; t++) {
            long base = t * 1_000L;
            List<Long> ofThread = completed.stream().filter(id -> id >= base && id < base + 1_000).toList();
            assertEquals(500, ofThread.size());
            for (int i = 1; i < ofThread.size(); i++) {
                assertTrue(ofThread.get(i - 1) < ofThread.get(i), "completion order of one writer thread: " + ofThread);
            }
        }
    }

    /**
     * After a group of two, a lone batch waits for a second one that comes within the gathering
     * time and they are committed together; after a group of one nothing waits. The gathering
     * time is long here (2 s) so that the test does not depend on the machine's speed.
     */
    @Test
    void aGroupWaitsForAsManyBatchesAsTheLastHad_aLoneBatchAfterALoneOneDoesNot() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        StoreObserver sizes = new StoreObserver() {
            @Override
            public void committed(long nanos, int batches, int operations) {
                groupSizes.add(batches);
            }

            @Override
            public void outcomeMarkRead(String outcome) {
            }
        };
        writer = new GroupCommitWriter("test-writer", this::open, (statements, operations) -> {
            if (operations.contains(new StoreOperation.DeleteMessage(0))) {
                firstHeld.countDown();
                await(release);
            }
            insertIds(statements, operations);
        }, 2000, "test", WriteGuard.UNFENCED, DerbyDialect.INSTANCE, () -> { }, sizes, TimeUnit.SECONDS.toNanos(2));
        CompletableFuture<Void> held = writer.write(row(0));
        assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> pairA = writer.write(row(1));
        CompletableFuture<Void> pairB = writer.write(row(2));
        release.countDown();
        CompletableFuture.allOf(held, pairA, pairB).get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> early = writer.write(row(3));
        Thread.sleep(300);
        assertFalse(early.isDone(), "waits for the second batch of its group");
        CompletableFuture<Void> late = writer.write(row(4));
        CompletableFuture.allOf(early, late).get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> alone = writer.write(row(5));
        alone.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> aloneAgain = writer.write(row(6));
        aloneAgain.get(1, TimeUnit.SECONDS);

        assertEquals(List.of(1, 2, 2, 1, 1), groupSizes);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), storedIds());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBatchThatFails_failsAlone_itsNeighboursAreCommitted() throws Exception {
        GroupCommitWriter w = writer(WriteGuard.UNFENCED, () -> { });
        w.write(row(7)).get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long id : new long[] {1, 2, 7, 3, 4}) {
            futures.add(w.write(row(id)));
        }
        ExecutionException duplicate = assertThrows(ExecutionException.class, () -> futures.get(2).get(10, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, duplicate.getCause());
        for (int i : new int[] {0, 1, 3, 4}) {
            futures.get(i).get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 7L), storedIds());
    }

    @Test
    void aGuardThatRefuses_failsTheGroup_writesNothing_andFencesOnce() throws Exception {
        AtomicBoolean refuse = new AtomicBoolean();
        AtomicInteger fencedCalls = new AtomicInteger();
        GroupCommitWriter w = writer(new WriteGuard() {
            @Override
            public void begin(StatementCache statements, CommitMark mark) throws SQLException {
                if (refuse.get()) {
                    throw new StoreFencedException("lease lost");
                }
                UNFENCED.begin(statements, mark);
            }

            @Override
            public long epoch() {
                return -1;
            }

            @Override
            public String leaseOwner() throws StoreFencedException {
                if (refuse.get()) {
                    throw new StoreFencedException("lease lost");
                }
                return null;
            }
        }, fencedCalls::incrementAndGet);
        w.write(row(1)).get(10, TimeUnit.SECONDS);
        refuse.set(true);

        ExecutionException refused = assertThrows(ExecutionException.class, () -> w.write(row(2)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, refused.getCause());
        ExecutionException later = assertThrows(ExecutionException.class, () -> w.write(row(3)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, later.getCause());

        assertEquals(List.of(1L), storedIds());
        assertEquals(1, fencedCalls.get());
    }

    @Test
    void commitAnswerLost_afterTheDatabaseCommitted_succeedsAndIsNotWrittenAgain() throws Exception {
        GroupCommitWriter w = cutOnce(Cut.AFTER_COMMIT);
        w.write(row(1)).get(10, TimeUnit.SECONDS);
        w.write(row(2)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(1L, 2L), storedIds());
    }

    @Test
    void connectionLostBeforeTheCommitArrived_theBatchIsWrittenOnce() throws Exception {
        GroupCommitWriter w = cutOnce(Cut.BEFORE_COMMIT);
        w.write(row(1)).get(10, TimeUnit.SECONDS);
        w.write(row(2)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(1L, 2L), storedIds());
    }

    @Test
    void close_commitsWhatWasQueued_thenRefusesNewBatches() throws Exception {
        GroupCommitWriter w = writer(WriteGuard.UNFENCED, () -> { });
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            futures.add(w.write(row(id)));
        }
        w.close();
        for (CompletableFuture<Void> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(100, storedIds().size());
        ExecutionException closed = assertThrows(ExecutionException.class, () -> w.write(row(101)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, closed.getCause());
    }

    /** A batch written while the writer closes is committed or refused, never left without an answer. */
    @Test
    void closeRacingWrites_everyFutureIsSettled() throws Exception {
        for (int round = 0; round < 30; round++) {
            GroupCommitWriter w = writer(WriteGuard.UNFENCED, () -> { });
            List<CompletableFuture<Void>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            long base = round * 1_000L;
            Thread writing = new Thread(() -> {
                for (long id = 1; id <= 200; id++) {
                    futures.add(w.write(row(base + id)));
                }
            });
            writing.start();
            Thread.sleep(round % 5);
            w.close();
            writing.join();
            for (CompletableFuture<Void> f : futures) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertInstanceOf(StoreException.class, e.getCause());
                }
            }
        }
    }
}
