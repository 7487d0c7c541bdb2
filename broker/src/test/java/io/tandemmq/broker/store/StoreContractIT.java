package io.tandemmq.broker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.broker.admin.Binding;
import io.tandemmq.broker.ha.EpochFence;
import io.tandemmq.broker.security.PasswordHash;
import io.tandemmq.broker.security.StoredUser;
import io.tandemmq.it.ChildJvm;
import io.tandemmq.it.PostgresServer;
import io.tandemmq.protocol.BindingKind;
import io.tandemmq.protocol.DestinationKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every store must do, on each database Tandem runs on: embedded Derby, a Derby network
 * server (the jar's {@code store-server}, a process of its own) and a PostgreSQL server (a private
 * cluster). Each test gets a fresh, empty database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreContractIT {
    enum Kind { EMBEDDED_DERBY, DERBY_NETWORK_SERVER, POSTGRESQL }

    private static final int LARGE = 100_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private Process derbyServer;
    private int derbyPort;
    private PostgresServer postgres;
    private final AtomicInteger databases = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    void startServers() throws Exception {
        postgres = PostgresServer.start(dir);
        derbyPort = freePort();
        String jar = System.getProperty("tandem.broker.jar", "target/tandem-broker.jar");
        List<String> cmd = ChildJvm.java("-Xmx128m", "-jar", jar, "store-server", "--host", "127.0.0.1", "--port",
                String.valueOf(derbyPort), "--data", dir.resolve("derby-server").toString());
        derbyServer = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(derbyServer.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("tandem: store-server jdbc:")) {
            // the start-up lines before the one that says it listens
        }
        assertTrue(line != null, "the Derby store server did not start");
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "derby-server-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    void stopServers() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            if (derbyServer != null) {
                derbyServer.destroy();
                if (!derbyServer.waitFor(20, TimeUnit.SECONDS)) {
                    derbyServer.destroyForcibly();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A new empty database of the kind. */
    private StoreLocation freshStore(Kind kind) throws SQLException {
        String name = "db" + databases.incrementAndGet();
        return switch (kind) {
            case EMBEDDED_DERBY -> StoreLocation.of("jdbc:derby:" + dir.resolve(name).toAbsolutePath() + ";create=true",
                    null, null);
            case DERBY_NETWORK_SERVER -> StoreLocation.of("jdbc:derby://127.0.0.1:" + derbyPort + "/" + name + ";create=true",
                    null, null);
            case POSTGRESQL -> StoreLocation.of(postgres.createDatabase(name), postgres.user(), postgres.password());
        };
    }

    private JdbcMessageStore open(StoreLocation location) {
        return open(location, WriteGuard.UNFENCED, () -> { });
    }

    private JdbcMessageStore open(StoreLocation location, WriteGuard guard, Runnable onFenced) {
        JdbcMessageStore store = new JdbcMessageStore(location, 2, guard, onFenced);
        toClose.add(store::close);
        return store;
    }

    private static void write(MessageStore store, StoreOperation... operations) throws Exception {
        store.write(StoreBatch.of(operations)).get(30, TimeUnit.SECONDS);
    }

    private static StoreOperation.InsertMessage message(long id, String queue, byte[] body) {
        return new StoreOperation.InsertMessage(id, queue, "ID:contract:" + id, 4, 0L, 0L, 0, new byte[] {1, (byte) id},
                body, null);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEmptyDatabase_getsTheSchema_andRecoveryReadsBackWhatWasWritten(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcMessageStore store = open(location);
        Collected first = Collected.from(store);
        assertEquals(List.of(), first.messages);
        assertTrue(store.resourceManagerId().startsWith("tandem-"), store.resourceManagerId());

        byte[] large = bytes(LARGE);
        write(store, new StoreOperation.InsertDestination(DestinationKind.QUEUE, "orders"),
                new StoreOperation.InsertSubscription(new SubscriptionRecord("sub:c:s", "prices", "c", "s", "p > 1", true, false)),
                message(1, "queue:orders", new byte[] {7, 7}), message(2, "queue:orders", large),
                message(3, "queue:orders", null),
                new StoreOperation.RecordOutcome("local:t1", true, 1000L));
        write(store, new StoreOperation.MoveMessage(3, "queue:DLQ", 5));

        Collected again = Collected.from(open(location));
        assertEquals(List.of("QUEUE orders"), again.destinations);
        assertEquals(List.of(new SubscriptionRecord("sub:c:s", "prices", "c", "s", "p > 1", true, false)), again.subscriptions);
        assertEquals(List.of(new StoredMessage(1, "queue:orders", 0, 4, 0L, 0L, 2, null),
                new StoredMessage(2, "queue:orders", 0, 4, 0L, 0L, LARGE, null),
                new StoredMessage(3, "queue:DLQ", 5, 4, 0L, 0L, -1, null)), again.messages);
        assertEquals(List.of("local:t1=true"), again.outcomes);
        assertArrayEquals(large, store.loadBody(2));
        assertArrayEquals(new byte[] {1, 2}, store.loadContent(2).headers());
        assertNull(store.loadContent(3).body());
        assertTrue(store.messageExists("ID:contract:1"));
        assertFalse(store.messageExists("ID:contract:9"));
        assertEquals(Boolean.TRUE, store.readOutcome("local:t1"));
        assertNull(store.readOutcome("local:t2"));
        assertEquals(3, store.highestMessageId());
    }

    /** On PostgreSQL such groups are one statement ({@link OneTripGroup}); every column must survive it. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void groupsOfSendsAndAcknowledgements_readBackColumnForColumn(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcMessageStore store = open(location);
        Collected.from(store);
        byte[] large = bytes(LARGE);
        write(store, message(1, "queue:a", new byte[] {1}), message(2, "queue:a", new byte[] {2}),
                message(3, "queue:b", new byte[0]));
        write(store, new StoreOperation.InsertMessage(4, "queue:b", "ID:contract:4", 9, 1234L, 5678L, 3, null, null, null),
                new StoreOperation.InsertMessage(5, "queue:b", "ID:contract:5", 0, 0L, 0L, 0, new byte[] {5}, large,
                        "tx:5"),
                new StoreOperation.DeleteMessage(1));
        // a row sent and consumed in one group: the consumption must see the row
        write(store, message(6, "queue:a", new byte[] {6}), new StoreOperation.DeleteMessage(6));
        write(store, new StoreOperation.DeleteMessage(2));

        Collected again = Collected.from(open(location));
        assertEquals(List.of(new StoredMessage(3, "queue:b", 0, 4, 0L, 0L, 0, null),
                new StoredMessage(4, "queue:b", 3, 9, 1234L, 5678L, -1, null),
                new StoredMessage(5, "queue:b", 0, 0, 0L, 0L, LARGE, "tx:5")), again.messages);
        assertNull(store.loadContent(4).headers());
        assertNull(store.loadContent(4).body());
        assertArrayEquals(new byte[0], store.loadBody(3));
        assertArrayEquals(large, store.loadBody(5));
        assertArrayEquals(new byte[] {5}, store.loadContent(5).headers());
        assertTrue(store.messageExists("ID:contract:1"), "a consumed row stays a while for duplicate detection");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void waitingRows_areReadCountedAndConsumedFromACursor_perPriority_skippingHeldOnes(Kind kind) throws Exception {
        JdbcMessageStore store = open(freshStore(kind));
        Collected.from(store);
        byte[] large = bytes(LARGE);
        List<StoreOperation> rows = new ArrayList<>();
        for (long id = 1; id <= 12; id++) {
            rows.add(new StoreOperation.InsertMessage(id, "queue:w", "ID:w:" + id, id % 3 == 0 ? 9 : 4, 0L, 0L, 0,
                    new byte[] {(byte) id}, id == 5 ? large : new byte[] {7, (byte) id}, null));
        }
        rows.add(message(13, "queue:other", new byte[] {1}));
        write(store, rows.toArray(StoreOperation[]::new));
        write(store, new StoreOperation.DeleteMessage(2),
                new StoreOperation.PrepareBranch("xa:held", 1L, List.of(4L)),
                message(14, "queue:w", new byte[] {2}).inTransaction("xa:held"));

        List<WaitingRow> four = store.readWaiting("queue:w", 4, 0, 100);
        assertEquals(List.of(1L, 5L, 7L, 8L, 10L, 11L), four.stream().map(WaitingRow::id).toList(),
                "priority 4 in id order, without the consumed row, the held one and the uncommitted send");
        assertArrayEquals(new byte[] {7, 1}, four.get(0).body());
        assertTrue(four.get(0).hasContent());
        assertEquals(LARGE, four.get(1).bodyLength());
        assertEquals(kind == Kind.POSTGRESQL, four.get(1).hasContent(), "a large body on Derby is read at delivery");
        assertEquals(List.of(7L, 8L), store.readWaiting("queue:w", 4, 5, 2).stream().map(WaitingRow::id).toList());
        assertEquals(List.of(3L, 6L, 9L, 12L), store.browseWaiting("queue:w", 9, 0, 10).stream().map(StoredMessage::id)
                .toList());

        assertArrayEquals(new long[] {4, 8}, store.countWaiting("queue:w", 4, 1, 12, 4),
                "a full step: 4 (held by the prepared branch, counted in the index), 5, 7, 8");
        assertArrayEquals(new long[] {3, 12}, store.countWaiting("queue:w", 4, 7, 12, 4), "the last step: 8, 10, 11");

        write(store, new StoreOperation.ConsumeWaiting("queue:w", 4, 5, List.of(10L)));
        assertEquals(List.of(1L, 5L, 10L), store.readWaiting("queue:w", 4, 0, 100).stream().map(WaitingRow::id).toList(),
                "above the cursor all but the row kept are consumed");
        assertEquals(4, store.readWaiting("queue:w", 9, 0, 100).size(), "other priorities stay");
    }

    /**
     * The users' and bindings' connections are kept between calls (a handshake makes up to three);
     * one the database ended (as a takeover ends the old owner's sessions) is replaced, not failed.
     */
    @org.junit.jupiter.api.Test
    void aKeptConnectionTheDatabaseEnded_isReplacedAtTheNextCall() throws Exception {
        StoreLocation location = freshStore(Kind.POSTGRESQL);
        Collected.from(open(location));
        JdbcUserStore users = new JdbcUserStore(location);
        assertFalse(users.hasUsers());
        int ended;
        try (Connection c = DriverManager.getConnection(location.url(), postgres.user(), postgres.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name LIKE '%users%' AND pid <> pg_backend_pid() AND datname = current_database()")) {
            rs.next();
            ended = rs.getInt(1);
        }
        assertEquals(1, ended, "the users' kept connection was ended");
        assertFalse(users.hasUsers(), "answered on a new connection");
        users.closeConnections();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void preparedBranches_areRecovered_andCommitOrRollbackSettleThem(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcMessageStore store = open(location);
        Collected.from(store);
        write(store, message(1, "queue:q", new byte[] {1}), message(2, "queue:q", new byte[] {2}));
        write(store, message(10, "queue:q", new byte[] {10}).inTransaction("xa:a"),
                new StoreOperation.PrepareBranch("xa:a", 100L, List.of(1L)),
                message(11, "queue:q", new byte[] {11}).inTransaction("xa:b"),
                new StoreOperation.PrepareBranch("xa:b", 200L, List.of(2L)));

        Collected prepared = Collected.from(open(location));
        assertEquals(List.of("xa:a [1]", "xa:b [2]"), prepared.branches);
        assertEquals("xa:a", prepared.messages.stream().filter(m -> m.id() == 10).findFirst().orElseThrow().txKey());

        write(store, new StoreOperation.CommitBranch("xa:a", List.of(1L)), new StoreOperation.RecordOutcome("xa:a", true, 1L),
                new StoreOperation.RollbackBranch("xa:b"), new StoreOperation.RecordOutcome("xa:b", false, 1L));
        Collected settled = Collected.from(open(location));
        assertEquals(List.of(), settled.branches);
        assertEquals(List.of(2L, 10L), settled.messages.stream().map(StoredMessage::id).toList(),
                "a's message is visible and the row it consumed gone; b's message is gone and the row it consumed back");
        assertNull(settled.messages.get(1).txKey());
        assertEquals(Boolean.TRUE, store.readOutcome("xa:a"));
        assertEquals(Boolean.FALSE, store.readOutcome("xa:b"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lanesCommitInParallel_eachInTheOrderItsBatchesWereQueued(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcMessageStore store = open(location, WriteGuard.UNFENCED, () -> { });
        Collected.from(store);
        int lanes = 4;
        int perLane = 150;
        List<List<Long>> completed = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            completed.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        for (int i = 0; i < perLane; i++) {
            for (int lane = 0; lane < lanes; lane++) {
                long id = lane * 1_000L + i + 1;
                List<Long> done = completed.get(lane);
                all.add(store.write(StoreBatch.of(message(id, "queue:lane" + lane, new byte[] {1})).inLane(lane))
                        .thenRun(() -> done.add(id)));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (List<Long> done : completed) {
            assertEquals(done.stream().sorted().toList(), done, "one lane's batches complete in order");
        }
        assertEquals(lanes * perLane, count(location, "SELECT COUNT(*) FROM TQ_MESSAGE"));
        assertTrue(count(location, "SELECT COUNT(DISTINCT SERVER_ID) FROM TQ_COMMIT_MARK") > 1,
                "more than one writer committed");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void outcomesBetweenRows_areAllRecorded_theLastOfAKeyCounting(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcMessageStore store = open(location);
        Collected.from(store);
        write(store, message(1, "queue:q", new byte[] {1}), new StoreOperation.RecordOutcome("tx:a", true, 1L),
                message(2, "queue:q", new byte[] {2}), new StoreOperation.RecordOutcome("tx:b", true, 1L),
                new StoreOperation.DeleteMessage(1), new StoreOperation.RecordOutcome("tx:a", false, 2L));
        assertEquals(Boolean.FALSE, store.readOutcome("tx:a"));
        assertEquals(Boolean.TRUE, store.readOutcome("tx:b"));
        assertEquals(1, count(location, "SELECT COUNT(*) FROM TQ_MESSAGE WHERE CONSUMED_AT = 0"));
        assertEquals(1, count(location, "SELECT COUNT(*) FROM TQ_MESSAGE WHERE CONSUMED_AT > 0"));
    }

    /**
     * Found by the in-server MDB benchmark: XA commits that mark consumed rows, on two writers at
     * once, stalled for Derby's deadlock timeout when the marking scanned the message table.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void xaBranchesCommittedOnTwoLanesAtOnce_allCommit_withoutWaitingOnEachOther(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcMessageStore store = open(location, WriteGuard.UNFENCED, () -> { });
        Collected.from(store);
        int branches = 200;
        List<StoreOperation> waiting = new ArrayList<>();
        for (long id = 1; id <= 2L * branches; id++) {
            waiting.add(message(id, "queue:q", new byte[] {1}));
        }
        write(store, waiting.toArray(StoreOperation[]::new));
        List<CompletableFuture<Void>> prepared = new ArrayList<>();
        for (int k = 0; k < branches; k++) {
            String tx = "xa:" + k;
            prepared.add(store.write(StoreBatch.of(message(10_000 + k, "queue:out", new byte[] {2}).inTransaction(tx),
                    new StoreOperation.PrepareBranch(tx, k, List.of(2L * k + 1, 2L * k + 2))).inLane(k % 2)));
        }
        CompletableFuture.allOf(prepared.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> committed = new ArrayList<>();
        for (int k = 0; k < branches; k++) {
            String tx = "xa:" + k;
            committed.add(store.write(StoreBatch.of(new StoreOperation.CommitBranch(tx, List.of(2L * k + 1, 2L * k + 2)),
                    new StoreOperation.RecordOutcome(tx, true, 1L)).inLane(k % 2)));
        }
        // a few seconds at most; Derby ends a lock wait cycle only after 20 s
        CompletableFuture.allOf(committed.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        assertEquals(2L * branches, count(location, "SELECT COUNT(*) FROM TQ_MESSAGE WHERE CONSUMED_AT > 0"));
        assertEquals(branches, count(location, "SELECT COUNT(*) FROM TQ_MESSAGE WHERE QUEUE_KEY = 'queue:out'"
                + " AND TX_KEY IS NULL AND CONSUMED_AT = 0"));
        assertEquals(0, count(location, "SELECT COUNT(*) FROM TQ_XA_BRANCH"));
        assertEquals(0, count(location, "SELECT COUNT(*) FROM TQ_XA_CONSUMED"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBatchThatBreaksAConstraint_failsAlone_andWritesNothing(Kind kind) throws Exception {
        JdbcMessageStore store = open(freshStore(kind));
        Collected.from(store);
        write(store, message(1, "queue:q", new byte[] {1}));
        CompletableFuture<Void> good = store.write(StoreBatch.of(message(2, "queue:q", new byte[] {2})));
        CompletableFuture<Void> duplicate = store.write(StoreBatch.of(message(3, "queue:q", new byte[] {3}),
                message(1, "queue:q", new byte[] {1})));
        good.get(30, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> duplicate.get(30, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, e.getCause());
        assertFalse(StoreOutcomeUnknownException.isCause(e), "a refused commit is not an unknown outcome");
        assertEquals(List.of(1L, 2L), Collected.from(store).messages.stream().map(StoredMessage::id).toList());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void usersGrantsAndBindings_areKept(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        JdbcUserStore users = new JdbcUserStore(location);
        users.ensureSchema();
        users.addUser(new StoredUser("ann", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("shop")));
        assertTrue(users.hasUsers());
        assertEquals(Set.of("shop"), users.find("ann").orElseThrow().roles());
        JdbcBindingStore bindings = new JdbcBindingStore(location);
        Binding b = Binding.of("jms/orders", BindingKind.QUEUE, "orders");
        bindings.bind(b);
        assertEquals(List.of(b), bindings.list());
        StoreException twice = assertThrows(StoreException.class, () -> bindings.bind(b));
        assertTrue(twice.getMessage().contains("bound already"), twice.getMessage());
        assertEquals(List.of(b), bindings.list(), "a refused bind changes nothing");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDatabaseWithOtherTables_isRefused_andNothingIsWritten(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        try (Connection c = location.connect("test"); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE INVOICES (ID INT NOT NULL PRIMARY KEY)");
        }
        JdbcMessageStore store = open(location);
        StoreException e = assertThrows(StoreException.class, () -> Collected.from(store));
        assertTrue(e.getMessage().contains("not Tandem's (INVOICES)"), e.getMessage());
        try (Connection c = location.connect("test")) {
            assertEquals(List.of("INVOICES"), location.dialect().tableNames(c));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNewerSchema_isRefused(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        Collected.from(open(location));
        try (Connection c = location.connect("test"); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE TQ_META SET VAL = '99' WHERE NAME = 'schema'");
        }
        StoreException e = assertThrows(StoreException.class, () -> Collected.from(open(location)));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyWriteLeavesAMark_andAWriterWhoseEpochIsGone_isFencedAndWritesNothing(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        Collected.from(open(location));
        setLease(location, "a/1", 5);
        AtomicInteger fenced = new AtomicInteger();
        JdbcMessageStore store = open(location, new EpochFence("a/1", 5), fenced::incrementAndGet);
        write(store, message(1, "queue:q", new byte[] {1}));
        write(store, message(2, "queue:q", new byte[] {2}));
        assertEquals(2, count(location, "SELECT COUNT(*) FROM TQ_COMMIT_MARK WHERE EPOCH = 5"));

        setLease(location, "b/2", 6);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> store.write(StoreBatch.of(message(3, "queue:q", new byte[] {3}))).get(30, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, refused.getCause());
        // the writer tells its server right after it failed the batch
        for (int i = 0; i < 100 && fenced.get() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, fenced.get());
        assertEquals(2, count(location, "SELECT COUNT(*) FROM TQ_MESSAGE"), "the fenced write left nothing");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void recovery_waitsForAWriteTransactionOfThePreviousOwnerThatIsStillOpen(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        Collected.from(open(location));
        try (Connection old = location.forServer("old-owner").connect("writer")) {
            old.setAutoCommit(false);
            try (Statement s = old.createStatement()) {
                s.executeUpdate("INSERT INTO TQ_COMMIT_MARK (SERVER_ID, SEQ, EPOCH) VALUES ('old', 1, 1)");
                s.executeUpdate("INSERT INTO TQ_MESSAGE (ID, QUEUE_KEY, MESSAGE_ID, PRIORITY, EXPIRATION, DELIVERY_TIME,"
                        + " DELIVERY_COUNT, BODY_LENGTH) VALUES (77, 'queue:q', 'ID:old:77', 4, 0, 0, 0, -1)");
            }
            JdbcMessageStore next = open(location.forServer("new-owner"));
            CompletableFuture<Collected> recovered = CompletableFuture.supplyAsync(() -> Collected.from(next));
            assertThrows(TimeoutException.class, () -> recovered.get(2, TimeUnit.SECONDS),
                    "recovery must wait while the old owner's transaction is open");
            old.commit();
            assertEquals(List.of(77L), recovered.get(30, TimeUnit.SECONDS).messages.stream().map(StoredMessage::id).toList(),
                    "recovery sees what the old owner committed before it ended");
        }
        assertEquals(0, count(location, "SELECT COUNT(*) FROM TQ_COMMIT_MARK WHERE SERVER_ID = 'old'"),
                "the new owner removed the old owner's marks");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "POSTGRESQL")
    void takingOver_endsTheSessionsOfOtherServers_onlyThose(Kind kind) throws Exception {
        StoreLocation location = freshStore(kind);
        Collected.from(open(location));
        try (Connection other = location.forServer("frozen").connect("writer");
             Connection cli = location.connect("admin");
             Connection own = location.forServer("me").connect("lease")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE TQ_LEASE SET EPOCH = EPOCH WHERE ID = 1");
            }
            assertEquals(1, location.dialect().endOtherServersSessions(own, location.forServer("me")));
            try (Statement s = own.createStatement()) {
                s.setQueryTimeout(5);
                assertEquals(1, s.executeUpdate("UPDATE TQ_LEASE SET EPOCH = EPOCH + 1 WHERE ID = 1"),
                        "the lease row is free: the ended session's transaction was rolled back");
            }
            assertThrows(SQLException.class, other::commit, "the other server's session is gone");
            assertTrue(cli.isValid(2), "an offline command's session is left alone");
        }
    }

    private static void setLease(StoreLocation location, String owner, long epoch) throws SQLException {
        try (Connection c = location.connect("test");
             PreparedStatement ps = c.prepareStatement("UPDATE TQ_LEASE SET OWNER = ?, EPOCH = ?, RELEASED = 0 WHERE ID = 1")) {
            ps.setString(1, owner);
            ps.setLong(2, epoch);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static int count(StoreLocation location, String sql) throws SQLException {
        try (Connection c = location.connect("test"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Everything one recovery reported, in a form that compares easily. */
    private static final class Collected implements RecoveryListener {
        final List<String> destinations = new ArrayList<>();
        final List<SubscriptionRecord> subscriptions = new ArrayList<>();
        final List<StoredMessage> messages = new ArrayList<>();
        final List<String> outcomes = new ArrayList<>();
        final List<String> branches = new ArrayList<>();

        static Collected from(MessageStore store) {
            Collected c = new Collected();
            store.recover(c);
            c.messages.sort(java.util.Comparator.comparingLong(StoredMessage::id));
            return c;
        }

        @Override
        public void destination(DestinationKind kind, String name) {
            destinations.add(kind + " " + name);
        }

        @Override
        public void subscription(SubscriptionRecord subscription) {
            subscriptions.add(subscription);
        }

        @Override
        public void outcome(String txKey, boolean committed, long completedAt) {
            outcomes.add(txKey + "=" + committed);
        }

        @Override
        public void preparedBranch(String txKey, long preparedAt, List<Long> consumedRowIds) {
            branches.add(txKey + " " + consumedRowIds);
        }

        @Override
        public void message(StoredMessage message) {
            messages.add(message);
        }
    }
}
