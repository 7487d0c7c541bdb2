package io.tandemmq.broker.store;

import io.tandemmq.protocol.DestinationKind;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The store on a JDBC database. One connection belongs to the {@link GroupCommitWriter}; a second
 * one serves reads (start-up recovery, message bodies) and is used by one thread at a time.
 */
public final class JdbcMessageStore implements MessageStore {
    private static final Logger LOG = System.getLogger(JdbcMessageStore.class.getName());
    /** Upper bound of operations per group commit, to keep JDBC batches and lock sets moderate. */
    private static final int MAX_OPERATIONS_PER_COMMIT = 2000;

    private final StoreLocation location;
    private final String url;
    private final SqlDialect dialect;
    private final MessageRowWriter rows;
    /** The writers, each on its connection; a batch goes to the one of its lane. */
    private final List<GroupCommitWriter> writers;
    /** Whose commit marks this store's writes leave: this store object, a new one per activation. */
    private final String markOwner = java.util.UUID.randomUUID().toString();
    private Connection readConnection;
    private final Object pageReaderLock = new Object();
    private Connection pageReader;
    private volatile String resourceManagerId;
    private volatile java.util.function.Consumer<Boolean> previousOwnerWait = waiting -> { };

    public JdbcMessageStore(StoreLocation location) {
        this(location, 1, WriteGuard.UNFENCED, () -> { });
    }

    /**
     * @param writerCount how many writers commit at once, each on its own connection
     * @param guard checked in every write transaction (the pair's epoch check)
     * @param onFenced called when the guard refuses a write (once per writer at most)
     */
    public JdbcMessageStore(StoreLocation location, int writerCount, WriteGuard guard, Runnable onFenced) {
        this(location, writerCount, guard, onFenced, StoreObserver.NONE);
    }

    /** @param observer told of every commit (the metrics), on the writer threads */
    public JdbcMessageStore(StoreLocation location, int writerCount, WriteGuard guard, Runnable onFenced,
                            StoreObserver observer) {
        this.location = location;
        this.url = location.url();
        this.dialect = location.dialect();
        this.rows = new MessageRowWriter(dialect.inlineLimit(), dialect.largeBinaryType());
        List<GroupCommitWriter> w = new ArrayList<>();
        for (int i = 0; i < writerCount; i++) {
            w.add(new GroupCommitWriter("tandem-store-writer-" + i, () -> openConnection("writer"), rows::apply,
                    MAX_OPERATIONS_PER_COMMIT, markOwner + "/" + i, guard, dialect, onFenced, observer));
        }
        this.writers = List.copyOf(w);
    }

    /** Told true when recovery starts to wait for the previous owner's open transaction, false when that ends. */
    public void onPreviousOwnerWait(java.util.function.Consumer<Boolean> listener) {
        previousOwnerWait = listener;
    }

    private Connection openConnection(String purpose) throws SQLException {
        Connection c = location.connect(purpose);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    private synchronized Connection readConnection() throws SQLException {
        if (readConnection == null || readConnection.isClosed()) {
            readConnection = openConnection("reader");
        }
        return readConnection;
    }

    @Override
    public synchronized void recover(RecoveryListener listener) {
        try {
            Connection c = readConnection();
            StoreSchema.ensure(c, dialect, url);
            awaitPreviousWriters(c);
            resourceManagerId = readMeta(c, "resource-manager");
            readDestinations(c, listener);
            readSubscriptions(c, listener);
            readOutcomes(c, listener);
            readPreparedBranches(c, listener);
            readMessages(c, listener);
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot read the store at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until no write transaction of the previous owner is still running, so that recovery
     * reads everything it committed: each one holds a row of the mark table until it ends, and this
     * exclusive lock waits for them all. Called after the lease's epoch moved on, so no transaction
     * of the old epoch can start any more. On Derby a frozen old owner holds its row as long as it is
     * frozen; this then waits for it, with one alarm in the log.
     *
     * <p>Then removes the marks of other writers: this store will never be asked about them, and
     * a server resolving its own cut-off commit checks that the lease did not move on first.
     */
    private void awaitPreviousWriters(Connection c) throws SQLException {
        boolean alarmed = false;
        while (true) {
            if (!dialect.lockedByOthers(c, "TQ_COMMIT_MARK")) {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(1);
                    s.execute("LOCK TABLE TQ_COMMIT_MARK IN EXCLUSIVE MODE");
                    break;
                } catch (SQLException e) {
                    c.rollback();
                    if (!LockWaits.isLockWait(e)) {
                        throw e;
                    }
                }
            } else {
                sleepBriefly();
            }
            if (!alarmed) {
                alarmed = true;
                previousOwnerWait.accept(true);
                LOG.log(Level.ERROR, "ALARM: taking over waits for the previous owner''s open store transaction (a"
                        + " frozen server, typically; {0} cannot end another server''s session, PostgreSQL can)",
                        dialect.name());
            }
        }
        if (alarmed) {
            previousOwnerWait.accept(false);
            LOG.log(Level.WARNING, "the previous owner''s store transaction ended: recovering");
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM TQ_COMMIT_MARK WHERE SERVER_ID NOT LIKE ?")) {
            ps.setString(1, markOwner + "/%");
            ps.executeUpdate();
        }
        c.commit();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the previous owner's transaction", e);
        }
    }

    private static String readMeta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT VAL FROM TQ_META WHERE NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public String resourceManagerId() {
        return resourceManagerId;
    }

    private static void readOutcomes(Connection c, RecoveryListener listener) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TX_KEY, COMMITTED, COMPLETED_AT FROM TQ_TX_OUTCOME")) {
            while (rs.next()) {
                listener.outcome(rs.getString(1), rs.getInt(2) != 0, rs.getLong(3));
            }
        }
    }

    private static void readPreparedBranches(Connection c, RecoveryListener listener) throws SQLException {
        Map<String, Long> branches = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TX_KEY, PREPARED_AT FROM TQ_XA_BRANCH ORDER BY PREPARED_AT")) {
            while (rs.next()) {
                branches.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, List<Long>> consumed = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TX_KEY, MESSAGE_ROW FROM TQ_XA_CONSUMED ORDER BY MESSAGE_ROW")) {
            while (rs.next()) {
                consumed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        branches.forEach((key, at) -> listener.preparedBranch(key, at, consumed.getOrDefault(key, List.of())));
    }

    private static void readDestinations(Connection c, RecoveryListener listener) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT KIND, NAME FROM TQ_DESTINATION")) {
            while (rs.next()) {
                listener.destination(DestinationKind.values()[rs.getInt(1)], rs.getString(2));
            }
        }
    }

    private static void readSubscriptions(Connection c, RecoveryListener listener) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT SUB_KEY, TOPIC, CLIENT_ID, NAME, SELECTOR, NO_LOCAL, SHARED FROM TQ_SUBSCRIPTION")) {
            while (rs.next()) {
                listener.subscription(new SubscriptionRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6) != 0, rs.getInt(7) != 0));
            }
        }
    }

    private static final String NARROW_COLUMNS = "M.ID, M.QUEUE_KEY, M.DELIVERY_COUNT, M.PRIORITY, M.EXPIRATION,"
            + " M.DELIVERY_TIME, M.BODY_LENGTH, M.TX_KEY";
    /** Waiting rows of one queue and priority from a cursor, by the index of waiting rows. */
    private String waitingFrom() {
        return " FROM TQ_MESSAGE M" + dialect.waitingIndexHint() + " WHERE M.QUEUE_KEY = ? AND M.PRIORITY = ?"
                + " AND M.CONSUMED_AT = 0 AND M.ID > ? AND M.TX_KEY IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM TQ_XA_CONSUMED X WHERE X.MESSAGE_ROW = M.ID)";
    }

    private static void readMessages(Connection c, RecoveryListener listener) throws SQLException {
        if (listener.readsWaitingMessages()) {
            readAllMessages(c, listener);
        } else {
            readHeldMessages(c, listener);
        }
    }

    /**
     * Only narrow columns: over a network server, the headers of a large backlog take seconds to
     * travel, and a takeover would wait for them. They are read when a message is needed.
     */
    private static void readAllMessages(Connection c, RecoveryListener listener) throws SQLException {
        try (Statement s = c.createStatement()) {
            // a hint for the network client, given before the query runs (after it, it is too late)
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT " + NARROW_COLUMNS + " FROM TQ_MESSAGE M WHERE M.CONSUMED_AT = 0"
                    + " ORDER BY M.ID")) {
                while (rs.next()) {
                    listener.message(narrow(rs));
                }
            }
        }
    }

    /** Rows sent in prepared XA branches and rows such branches consumed (they are few). */
    private static void readHeldMessages(Connection c, RecoveryListener listener) throws SQLException {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        String[] queries = {
            "SELECT " + NARROW_COLUMNS + " FROM TQ_XA_BRANCH B JOIN TQ_MESSAGE M ON M.TX_KEY = B.TX_KEY"
                    + " WHERE M.CONSUMED_AT = 0 ORDER BY M.ID",
            "SELECT " + NARROW_COLUMNS + " FROM TQ_XA_CONSUMED X JOIN TQ_MESSAGE M ON M.ID = X.MESSAGE_ROW"
                    + " WHERE M.CONSUMED_AT = 0 ORDER BY M.ID"};
        for (String sql : queries) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    StoredMessage m = narrow(rs);
                    if (seen.add(m.id())) {
                        listener.message(m);
                    }
                }
            }
        }
    }

    private List<StoredMessage> readNarrow(Connection c, String queueKey, int priority, long afterId, int max)
            throws SQLException {
        List<StoredMessage> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + NARROW_COLUMNS + waitingFrom()
                + " ORDER BY M.ID FETCH FIRST " + max + " ROWS ONLY")) {
            ps.setFetchSize(Math.min(max, 1000));
            bindWaiting(ps, queueKey, priority, afterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(narrow(rs));
                }
            }
        }
        return rows;
    }

    private static void bindWaiting(PreparedStatement ps, String queueKey, int priority, long afterId) throws SQLException {
        ps.setString(1, queueKey);
        ps.setInt(2, priority);
        ps.setLong(3, afterId);
    }

    private static StoredMessage narrow(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                rs.getLong(5), rs.getLong(6), rs.getInt(7), rs.getString(8));
    }

    /**
     * On a connection of its own: a queue reads its backlog back while the core thread reads bodies
     * and headers on the other one.
     */
    @Override
    public List<WaitingRow> readWaiting(String queueKey, int priority, long afterId, int max) {
        synchronized (pageReaderLock) {
            try {
                if (pageReader == null || pageReader.isClosed()) {
                    pageReader = openConnection("page reader");
                }
                List<WaitingRow> rows = new ArrayList<>();
                try (PreparedStatement ps = pageReader.prepareStatement("SELECT M.ID, M.PRIORITY, M.EXPIRATION,"
                        + " M.DELIVERY_TIME, M.DELIVERY_COUNT, M.BODY_LENGTH, M.HEADERS, M.BODY" + waitingFrom()
                        + " ORDER BY M.ID FETCH FIRST " + max + " ROWS ONLY")) {
                    ps.setFetchSize(Math.min(max, 1000));
                    bindWaiting(ps, queueKey, priority, afterId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new WaitingRow(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                                    rs.getInt(6), rs.getBytes(7), rs.getBytes(8)));
                        }
                    }
                }
                pageReader.commit();
                return rows;
            } catch (SQLException e) {
                throw new StoreException("cannot read the waiting messages of " + queueKey + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized List<StoredMessage> browseWaiting(String queueKey, int priority, long afterId, int max) {
        try {
            Connection c = readConnection();
            List<StoredMessage> rows = readNarrow(c, queueKey, priority, afterId, max);
            c.commit();
            return rows;
        } catch (SQLException e) {
            throw new StoreException("cannot read the waiting messages of " + queueKey + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long[] countWaiting(String queueKey, int priority, long afterId, long upToId, int max) {
        try {
            Connection c = readConnection();
            // in the index alone: rows of XA branches, which the reads skip, are few and counted too
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(T.ID) FROM (SELECT M.ID FROM TQ_MESSAGE M"
                    + dialect.waitingIndexHint() + " WHERE M.QUEUE_KEY = ? AND M.PRIORITY = ? AND M.CONSUMED_AT = 0"
                    + " AND M.ID > ? AND M.ID <= ? ORDER BY M.ID FETCH FIRST " + max + " ROWS ONLY) T")) {
                bindWaiting(ps, queueKey, priority, afterId);
                ps.setLong(4, upToId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long count = rs.getLong(1);
                    long last = count < max ? upToId : rs.getLong(2);
                    c.commit();
                    return new long[] {count, last};
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the waiting messages of " + queueKey + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long highestMessageId() {
        try {
            Connection c = readConnection();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(ID) FROM TQ_MESSAGE")) {
                long max = rs.next() ? rs.getLong(1) : 0;
                c.commit();
                return max;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean messageExists(String messageId) {
        try {
            Connection c = readConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM TQ_MESSAGE WHERE MESSAGE_ID = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean found = rs.next();
                    c.commit();
                    return found;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Boolean readOutcome(String txKey) {
        try {
            Connection c = readConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT COMMITTED FROM TQ_TX_OUTCOME WHERE TX_KEY = ?")) {
                ps.setString(1, txKey);
                try (ResultSet rs = ps.executeQuery()) {
                    Boolean committed = rs.next() ? rs.getInt(1) != 0 : null;
                    c.commit();
                    return committed;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> write(StoreBatch batch) {
        if (batch.operations().stream().anyMatch(op -> op instanceof StoreOperation.Barrier)) {
            // a barrier completes once everything queued before it is committed, in every lane
            return CompletableFuture.allOf(writers.stream().map(w -> w.write(batch)).toArray(CompletableFuture[]::new));
        }
        return writers.get(Math.floorMod(batch.lane(), writers.size())).write(batch);
    }

    @Override
    public byte[] loadBody(long id) {
        return readRow(id, "BODY_LENGTH, BODY, BODY_LARGE", rs -> body(rs, 1));
    }

    @Override
    public StoredContent loadContent(long id) {
        return readRow(id, "HEADERS, HEADERS_LARGE, BODY_LENGTH, BODY, BODY_LARGE",
                rs -> new StoredContent(headers(rs, 1), body(rs, 3)));
    }

    @Override
    public byte[] loadHeaders(long id) {
        return readRow(id, "HEADERS, HEADERS_LARGE", rs -> headers(rs, 1));
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private synchronized <T> T readRow(long id, String columns, RowReader<T> reader) {
        try {
            Connection c = readConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM TQ_MESSAGE WHERE ID = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    T value = rs.next() ? reader.read(rs) : null;
                    c.commit();
                    if (value == null) {
                        throw new StoreException("message row " + id + " is not in the store");
                    }
                    return value;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read message " + id + ": " + e.getMessage(), e);
        }
    }

    /** The inline column, or the large one next to it. */
    private static byte[] headers(ResultSet rs, int first) throws SQLException {
        byte[] headers = rs.getBytes(first);
        return headers != null ? headers : rs.getBytes(first + 1);
    }

    /** Null for a message without a body (length -1), else the inline column or the large one. */
    private static byte[] body(ResultSet rs, int lengthColumn) throws SQLException {
        int length = rs.getInt(lengthColumn);
        if (length < 0) {
            return null;
        }
        byte[] body = rs.getBytes(lengthColumn + 1);
        return body != null ? body : rs.getBytes(lengthColumn + 2);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    /** Batches waiting for a writer, all writers together. */
    public int writerBacklog() {
        return writers.stream().mapToInt(GroupCommitWriter::backlog).sum();
    }

    @Override
    public long commitWaitMillis() {
        return writers.stream().mapToLong(GroupCommitWriter::commitWaitMillis).max().orElse(0);
    }

    @Override
    public void close() {
        writers.forEach(GroupCommitWriter::close);
        synchronized (pageReaderLock) {
            closeQuietly(pageReader);
            pageReader = null;
        }
        synchronized (this) {
            if (readConnection != null) {
                try {
                    readConnection.rollback();
                    readConnection.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
                readConnection = null;
            }
        }
        dialect.shutdown(url);
    }

    /** Turns operations into SQL, consecutive operations of one kind as one JDBC batch. */
    static final class MessageRowWriter {
        private final int inlineLimit;
        private final int largeBinaryType;

        MessageRowWriter(int inlineLimit, int largeBinaryType) {
            this.inlineLimit = inlineLimit;
            this.largeBinaryType = largeBinaryType;
        }

        void apply(StatementCache c, List<StoreOperation> given) throws SQLException {
            List<StoreOperation> operations = clustered(given);
            int i = 0;
            while (i < operations.size()) {
                Class<?> kind = operations.get(i).getClass();
                int end = i;
                while (end < operations.size() && operations.get(end).getClass() == kind) {
                    end++;
                }
                applyRun(c, operations.subList(i, end));
                i = end;
            }
        }

        /**
         * The group's XA branch operations and outcome records moved behind its other operations,
         * each kind together, in their order. A group of transactions each ending with its branch
         * operation or outcome would otherwise alternate kinds, so that no two of a kind are adjacent
         * and each costs statements of its own; moved, the rows of all of them go as one batch, and
         * each kind of branch operation and the outcomes as a few. Safe because these are keyed by
         * their transaction: a branch's prepare, its commit or rollback and the messages they touch
         * are never in one group (each waits for the one before to be stored), and nothing in the
         * transaction reads an outcome row.
         */
        static List<StoreOperation> clustered(List<StoreOperation> operations) {
            List<List<StoreOperation>> byRank = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
            for (StoreOperation op : operations) {
                byRank.get(rank(op)).add(op);
            }
            if (byRank.get(0).size() == operations.size()) {
                return operations;
            }
            List<StoreOperation> ordered = new ArrayList<>(operations.size());
            byRank.forEach(ordered::addAll);
            return ordered;
        }

        private static int rank(StoreOperation op) {
            if (op instanceof StoreOperation.PrepareBranch) {
                return 1;
            } else if (op instanceof StoreOperation.CommitBranch) {
                return 2;
            } else if (op instanceof StoreOperation.RollbackBranch) {
                return 3;
            } else if (op instanceof StoreOperation.RecordOutcome) {
                return 4;
            }
            return 0;
        }

        private void applyRun(StatementCache c, List<StoreOperation> run) throws SQLException {
            StoreOperation first = run.get(0);
            if (first instanceof StoreOperation.RecordOutcome) {
                // a repeated decision replaces the earlier record; within the run, the last one counts
                Map<String, StoreOperation> last = new LinkedHashMap<>();
                run.forEach(op -> last.put(((StoreOperation.RecordOutcome) op).txKey(), op));
                run = List.copyOf(last.values());
                batch(c, "DELETE FROM TQ_TX_OUTCOME WHERE TX_KEY = ?", run,
                        (ps, op) -> ps.setString(1, ((StoreOperation.RecordOutcome) op).txKey()));
                batch(c, "INSERT INTO TQ_TX_OUTCOME (TX_KEY, COMMITTED, COMPLETED_AT) VALUES (?, ?, ?)", run, (ps, op) -> {
                    StoreOperation.RecordOutcome o = (StoreOperation.RecordOutcome) op;
                    ps.setString(1, o.txKey());
                    ps.setInt(2, o.committed() ? 1 : 0);
                    ps.setLong(3, o.completedAt());
                });
            } else if (first instanceof StoreOperation.PrepareBranch) {
                prepareBranches(c, run);
            } else if (first instanceof StoreOperation.CommitBranch) {
                commitBranches(c, run);
            } else if (first instanceof StoreOperation.RollbackBranch) {
                rollbackBranches(c, run);
            } else if (first instanceof StoreOperation.InsertMessage) {
                batch(c, "INSERT INTO TQ_MESSAGE (ID, QUEUE_KEY, MESSAGE_ID, PRIORITY, EXPIRATION, DELIVERY_TIME,"
                        + " DELIVERY_COUNT, HEADERS, HEADERS_LARGE, BODY_LENGTH, BODY, BODY_LARGE, TX_KEY)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", run, (ps, op) -> bindInsert(ps, (StoreOperation.InsertMessage) op));
            } else if (first instanceof StoreOperation.DeleteMessage) {
                markConsumed(c, run.stream().map(op -> ((StoreOperation.DeleteMessage) op).id()).toList());
            } else if (first instanceof StoreOperation.MoveMessage) {
                batch(c, "UPDATE TQ_MESSAGE SET QUEUE_KEY = ?, DELIVERY_COUNT = ? WHERE ID = ?", run, (ps, op) -> {
                    StoreOperation.MoveMessage m = (StoreOperation.MoveMessage) op;
                    ps.setString(1, m.newQueueKey());
                    ps.setInt(2, m.deliveryCount());
                    ps.setLong(3, m.id());
                });
            } else if (first instanceof StoreOperation.UpdateDeliveryCount) {
                batch(c, "UPDATE TQ_MESSAGE SET DELIVERY_COUNT = ? WHERE ID = ?", run, (ps, op) -> {
                    StoreOperation.UpdateDeliveryCount u = (StoreOperation.UpdateDeliveryCount) op;
                    ps.setInt(1, u.deliveryCount());
                    ps.setLong(2, u.id());
                });
            } else {
                for (StoreOperation op : run) {
                    applyDefinition(c, op);
                }
            }
        }

        private void bindInsert(PreparedStatement ps, StoreOperation.InsertMessage m) throws SQLException {
            ps.setLong(1, m.id());
            ps.setString(2, m.queueKey());
            ps.setString(3, m.messageId());
            ps.setInt(4, m.priority());
            ps.setLong(5, m.expiration());
            ps.setLong(6, m.deliveryTime());
            ps.setInt(7, m.deliveryCount());
            bindSplit(ps, 8, m.headers());
            ps.setInt(10, m.body() == null ? -1 : m.body().length);
            bindSplit(ps, 11, m.body());
            if (m.txKey() == null) {
                ps.setNull(13, Types.VARCHAR);
            } else {
                ps.setString(13, m.txKey());
            }
        }

        /** Small values go inline (fast in Derby), large ones to the BLOB column next to it. */
        private void bindSplit(PreparedStatement ps, int index, byte[] value) throws SQLException {
            if (value != null && value.length <= inlineLimit) {
                ps.setBytes(index, value);
                ps.setNull(index + 1, largeBinaryType);
            } else {
                ps.setNull(index, Types.VARBINARY);
                if (value == null) {
                    ps.setNull(index + 1, largeBinaryType);
                } else {
                    ps.setBytes(index + 1, value);
                }
            }
        }

        private void applyDefinition(StatementCache c, StoreOperation op) throws SQLException {
            if (op instanceof StoreOperation.InsertDestination d) {
                update(c, "INSERT INTO TQ_DESTINATION (KIND, NAME) VALUES (?, ?)", d.kind().ordinal(), d.name());
            } else if (op instanceof StoreOperation.DeleteDestination d) {
                update(c, "DELETE FROM TQ_DESTINATION WHERE KIND = ? AND NAME = ?", d.kind().ordinal(), d.name());
                update(c, "DELETE FROM TQ_MESSAGE WHERE QUEUE_KEY = ?", d.queueKey());
            } else if (op instanceof StoreOperation.InsertSubscription s) {
                SubscriptionRecord r = s.subscription();
                update(c, "INSERT INTO TQ_SUBSCRIPTION (SUB_KEY, TOPIC, CLIENT_ID, NAME, SELECTOR, NO_LOCAL, SHARED)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)", r.key(), r.topic(), r.clientId(), r.name(), r.selector(),
                        r.noLocal() ? 1 : 0, r.shared() ? 1 : 0);
            } else if (op instanceof StoreOperation.DeleteSubscription s) {
                update(c, "DELETE FROM TQ_SUBSCRIPTION WHERE SUB_KEY = ?", s.key());
                update(c, "DELETE FROM TQ_MESSAGE WHERE QUEUE_KEY = ?", s.key());
            } else {
                applyTransaction(c, op);
            }
        }

        private void applyTransaction(StatementCache c, StoreOperation op) throws SQLException {
            if (op instanceof StoreOperation.Barrier) {
                return;
            } else if (op instanceof StoreOperation.PruneOutcomes p) {
                update(c, "DELETE FROM TQ_TX_OUTCOME WHERE COMPLETED_AT < ? AND TX_KEY LIKE ?", p.before(), p.prefix() + "%");
            } else if (op instanceof StoreOperation.PurgeConsumed p) {
                purgeConsumed(c, p);
            } else if (op instanceof StoreOperation.ConsumeWaiting w) {
                consumeWaiting(c, w);
            } else {
                throw new IllegalArgumentException("unknown store operation " + op);
            }
        }

        private static void prepareBranches(StatementCache c, List<StoreOperation> run) throws SQLException {
            batch(c, "INSERT INTO TQ_XA_BRANCH (TX_KEY, PREPARED_AT) VALUES (?, ?)", run, (ps, op) -> {
                StoreOperation.PrepareBranch p = (StoreOperation.PrepareBranch) op;
                ps.setString(1, p.txKey());
                ps.setLong(2, p.preparedAt());
            });
            PreparedStatement consumed = null;
            for (StoreOperation op : run) {
                StoreOperation.PrepareBranch p = (StoreOperation.PrepareBranch) op;
                for (long row : p.consumedRowIds()) {
                    if (consumed == null) {
                        consumed = c.prepare("INSERT INTO TQ_XA_CONSUMED (TX_KEY, MESSAGE_ROW) VALUES (?, ?)");
                        consumed.clearBatch();
                    }
                    consumed.setString(1, p.txKey());
                    consumed.setLong(2, row);
                    consumed.addBatch();
                }
            }
            if (consumed != null) {
                consumed.executeBatch();
            }
        }

        /** The branches' messages become visible, the rows they consumed are marked consumed. */
        private static void commitBranches(StatementCache c, List<StoreOperation> run) throws SQLException {
            batch(c, "UPDATE TQ_MESSAGE SET TX_KEY = NULL WHERE TX_KEY = ?", run, (ps, op) -> ps.setString(1, txKey(op)));
            List<Long> consumed = new ArrayList<>();
            run.forEach(op -> consumed.addAll(((StoreOperation.CommitBranch) op).consumedRowIds()));
            markConsumed(c, consumed);
            batch(c, "DELETE FROM TQ_XA_CONSUMED WHERE TX_KEY = ?", run, (ps, op) -> ps.setString(1, txKey(op)));
            batch(c, "DELETE FROM TQ_XA_BRANCH WHERE TX_KEY = ?", run, (ps, op) -> ps.setString(1, txKey(op)));
        }

        /** The branches' messages are deleted, the rows they consumed stay. */
        private static void rollbackBranches(StatementCache c, List<StoreOperation> run) throws SQLException {
            batch(c, "DELETE FROM TQ_MESSAGE WHERE TX_KEY = ?", run, (ps, op) -> ps.setString(1, txKey(op)));
            batch(c, "DELETE FROM TQ_XA_CONSUMED WHERE TX_KEY = ?", run, (ps, op) -> ps.setString(1, txKey(op)));
            batch(c, "DELETE FROM TQ_XA_BRANCH WHERE TX_KEY = ?", run, (ps, op) -> ps.setString(1, txKey(op)));
        }

        private static String txKey(StoreOperation op) {
            if (op instanceof StoreOperation.CommitBranch b) {
                return b.txKey();
            }
            return ((StoreOperation.RollbackBranch) op).txKey();
        }

        /**
         * Acknowledged rows and the rows XA branches consumed, row by row through the primary key.
         * {@code WHERE ID IN (SELECT MESSAGE_ROW FROM TQ_XA_CONSUMED ...)} made Derby scan the whole
         * message table, locking each row it passed, so that two writers committing XA branches at
         * once waited on each other's rows until Derby's deadlock timeout (20 s).
         */
        private static void markConsumed(StatementCache c, List<Long> rowIds) throws SQLException {
            if (rowIds.isEmpty()) {
                return;
            }
            long now = System.currentTimeMillis();
            PreparedStatement ps = c.prepare("UPDATE TQ_MESSAGE SET CONSUMED_AT = ? WHERE ID = ?");
            if (rowIds.size() == 1) {
                ps.setLong(1, now);
                ps.setLong(2, rowIds.get(0));
                ps.executeUpdate();
                return;
            }
            // a batch cut short by an error earlier on this cached statement must not come back
            ps.clearBatch();
            for (long id : rowIds) {
                ps.setLong(1, now);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }

        private static void consumeWaiting(StatementCache c, StoreOperation.ConsumeWaiting w) throws SQLException {
            long now = System.currentTimeMillis();
            update(c, "UPDATE TQ_MESSAGE SET CONSUMED_AT = ? WHERE QUEUE_KEY = ? AND PRIORITY = ? AND CONSUMED_AT = 0"
                    + " AND ID > ? AND TX_KEY IS NULL AND ID NOT IN (SELECT MESSAGE_ROW FROM TQ_XA_CONSUMED)",
                    now, w.queueKey(), w.priority(), w.afterId());
            for (long id : w.keep()) {
                update(c, "UPDATE TQ_MESSAGE SET CONSUMED_AT = 0 WHERE ID = ? AND CONSUMED_AT = ?", id, now);
            }
        }

        private static void purgeConsumed(StatementCache c, StoreOperation.PurgeConsumed p) throws SQLException {
            PreparedStatement find = c.prepare("SELECT ID FROM TQ_MESSAGE WHERE CONSUMED_AT > 0 AND CONSUMED_AT < ?");
            find.setMaxRows(p.limit());
            find.setLong(1, p.before());
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            p.removed().accept(ids.size());
            if (ids.isEmpty()) {
                return;
            }
            PreparedStatement delete = c.prepare("DELETE FROM TQ_MESSAGE WHERE ID = ?");
            delete.clearBatch();
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }

        private static void update(StatementCache c, String sql, Object... args) throws SQLException {
            PreparedStatement ps = c.prepare(sql);
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        }

        private interface Binder {
            void bind(PreparedStatement ps, StoreOperation op) throws SQLException;
        }

        private static void batch(StatementCache c, String sql, List<StoreOperation> run, Binder binder) throws SQLException {
            PreparedStatement ps = c.prepare(sql);
            if (run.size() == 1) {
                binder.bind(ps, run.get(0));
                ps.executeUpdate();
                return;
            }
            // a batch cut short by an error earlier on this cached statement must not come back
            ps.clearBatch();
            for (StoreOperation op : run) {
                binder.bind(ps, op);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
