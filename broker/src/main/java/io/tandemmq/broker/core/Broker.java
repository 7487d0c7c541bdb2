package io.tandemmq.broker.core;

import io.tandemmq.broker.security.AccessCheck;
import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.store.MessageStore;
import io.tandemmq.broker.store.RecoveryListener;
import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.broker.store.StoredContent;
import io.tandemmq.broker.store.StoredMessage;
import io.tandemmq.broker.store.SubscriptionRecord;
import io.tandemmq.broker.store.WaitingRow;
import io.tandemmq.broker.core.selector.Selector;
import io.tandemmq.broker.core.selector.SelectorSyntaxException;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.WireMessage;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One broker's state: destinations, connections, the store behind them and the core thread that
 * owns it all. Network code calls in through {@link ServerConnection}; everything here runs on
 * the core thread.
 */
public final class Broker implements DeliveryPolicy {
    private static final Logger LOG = System.getLogger(Broker.class.getName());
    private static final long EXPIRY_SCAN_MILLIS = 1000;
    private static final long RATE_SAMPLE_MILLIS = 5000;
    private static final long COUNT_AFTER_START_MILLIS = 2000;
    /** Per queue key: {time, enqueued, consumed} of the sample before the last, and of the last. */
    private Map<String, long[]> olderRateSample = Map.of();
    private Map<String, long[]> newerRateSample = Map.of();

    private final BrokerConfig config;
    private final MessageStore store;
    private static final long COMMIT_WATCH_EVERY_MILLIS = 500;
    private final io.tandemmq.broker.store.SlowCommitAlarm slowCommits = new io.tandemmq.broker.store.SlowCommitAlarm(2_000);
    private final CoreExecutor core = new CoreExecutor();
    /** Reads store-only messages back for the queues, so that the core thread goes on delivering meanwhile. */
    private final java.util.concurrent.ExecutorService pageReader = java.util.concurrent.Executors.newSingleThreadExecutor(
            task -> {
                Thread t = new Thread(task, "tandem-page-reader");
                t.setDaemon(true);
                return t;
            });
    private final MemoryBudget memory;
    private final Destinations destinations;
    private final MessageRouter router;
    private final MessageRef.HeaderSource storedHeaders = new StoredHeaders();
    private final Settlement settlement;
    private final Set<ServerConnection> connections = new LinkedHashSet<>();
    private long nextId;
    private long tempCounter;
    private RecoveredTransactions recoveredTransactions;
    private volatile boolean deliveryPaused;
    /** Persistent sends being stored, by message id: a resend after a failover waits for the first. */
    private final Map<String, CompletableFuture<byte[]>> pendingPersistent = new HashMap<>();
    /**
     * Consumed rows are removed in steps of a bounded size, so that no step holds the writer long;
     * a full step is followed by the next one at once. An idle server writes only every half
     * minute: each write transaction holds the lease row's lock until its commit, and a server
     * frozen in one would keep its partner from taking over.
     */
    private static final long PURGE_EVERY_MILLIS = 30_000;
    private static final int PURGE_ROWS_PER_STEP = 2_000;
    private static final long PRUNE_OUTCOMES_EVERY_MILLIS = 30_000;
    /** How long consumed message ids are remembered for duplicate detection of resends. */
    private static final long DUPLICATE_WINDOW_MILLIS = 5 * 60_000;
    private static final long LOCAL_OUTCOME_RETENTION_MILLIS = 10 * 60_000;
    /**
     * Where this server's delivery ids start: its start time, shifted to leave room for about a
     * million deliveries per session per millisecond. A client request that names deliveries of a
     * server lost in a failover then names no delivery here (unknown ids are skipped) instead of
     * others that happen to have the same small numbers.
     */
    private final long deliveryIdBase = System.currentTimeMillis() << 20;

    public Broker(BrokerConfig config, MessageStore store) {
        this.config = config;
        this.store = store;
        this.memory = new MemoryBudget(config.maxMemoryBytes());
        this.destinations = new Destinations(this, this::writeDefinition);
        this.router = new MessageRouter(destinations, memory, () -> ++nextId, storedHeaders);
        this.settlement = new Settlement(this);
    }

    /** The first delivery id of every session of this server is one above this. */
    long deliveryIdBase() {
        return deliveryIdBase;
    }

    /** Who takes prepared XA branches and transaction outcomes at start-up; set before {@link #start()}. */
    public void setRecoveredTransactions(RecoveredTransactions recoveredTransactions) {
        this.recoveredTransactions = recoveredTransactions;
    }

    /**
     * Reads the store and makes the broker ready for clients.
     *
     * @throws io.tandemmq.broker.store.StoreException when the store cannot be read
     */
    public void start() {
        runOnCore(this::recover);
        core.scheduleEvery(this::expireOld, EXPIRY_SCAN_MILLIS);
        core.scheduleEvery(this::sampleRates, RATE_SAMPLE_MILLIS);
        core.scheduleEvery(this::purgeConsumed, PURGE_EVERY_MILLIS);
        core.scheduleEvery(this::pruneOutcomes, PRUNE_OUTCOMES_EVERY_MILLIS);
        core.scheduleEvery(this::watchCommitWaits, COMMIT_WATCH_EVERY_MILLIS);
    }

    private void watchCommitWaits() {
        slowCommits.check(store.commitWaitMillis()).ifPresent(line -> LOG.log(Level.WARNING, line));
    }

    private void recover() {
        long started = System.nanoTime();
        int[] count = new int[1];
        store.recover(new RecoveryListener() {
            @Override
            public void destination(DestinationKind kind, String name) {
                if (kind == DestinationKind.QUEUE) {
                    destinations.addQueue(name);
                } else {
                    destinations.addTopic(name);
                }
            }

            @Override
            public void subscription(SubscriptionRecord r) {
                recoverSubscription(r);
            }

            @Override
            public void outcome(String txKey, boolean committed, long completedAt) {
                if (recoveredTransactions != null) {
                    recoveredTransactions.outcome(txKey, committed, completedAt);
                }
            }

            @Override
            public void preparedBranch(String txKey, long preparedAt, List<Long> consumedRowIds) {
                if (recoveredTransactions != null) {
                    recoveredTransactions.preparedBranch(txKey, preparedAt, consumedRowIds);
                }
            }

            @Override
            public void message(StoredMessage m) {
                if (recoverMessage(m)) {
                    count[0]++;
                }
            }

            @Override
            public boolean readsWaitingMessages() {
                return false;
            }
        });
        long highestId = store.highestMessageId();
        int beyond = 0;
        for (MessageQueue queue : destinations.allMessageQueues()) {
            beyond += recoverWindow(queue, highestId, count);
        }
        nextId = Math.max(nextId, highestId);
        MessageQueue expiry = config.expiryQueue() == null ? null : destinations.queue(config.expiryQueue());
        if (expiry != null) {
            expiry.setHonoursExpiry(false);
        }
        destinations.queue(config.deadLetterQueue());
        LOG.log(Level.INFO, "recovered {0} messages in {1} ms{2}", count[0],
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                beyond == 0 ? "" : "; more wait in the store only in " + beyond + (beyond == 1 ? " queue" : " queues")
                        + ", counted from two seconds on");
        if (beyond > 0) {
            // not at once: the first clients after a takeover come first
            core.schedule(this::countRecovered, COUNT_AFTER_START_MILLIS);
        }
    }

    /**
     * Reads the first waiting messages of each priority of a queue (at most a read's worth); beyond
     * them they wait in the store only, and are counted afterwards.
     *
     * @return 1 when some priority has more than the window, else 0
     */
    private int recoverWindow(MessageQueue queue, long highestId, int[] count) {
        // a consumer's first dispatch reads the rest of the window: a takeover does not wait for it
        int window = Math.min(config.queueWindow(), MessageQueue.READ_BACK_ROWS);
        int beyond = 0;
        for (int priority = 9; priority >= 0 && queue.isDurable(); priority--) {
            List<StoredMessage> rows = store.browseWaiting(queue.key(), priority, 0, window);
            for (StoredMessage m : rows) {
                if (recoverMessage(m)) {
                    count[0]++;
                }
            }
            if (rows.size() == window) {
                queue.recoveredBeyond(priority, rows.get(window - 1).id(), highestId);
                beyond = 1;
            }
        }
        return beyond;
    }

    /**
     * Counts the messages found beyond the windows at start-up, a step at a time on the core thread
     * (other work goes between steps), so that the figures show the whole backlog.
     */
    private void countRecovered() {
        try {
            for (MessageQueue queue : destinations.allMessageQueues()) {
                if (queue.countRecovered(MessageQueue.COUNT_STEP)) {
                    core.execute(this::countRecovered);
                    return;
                }
            }
            LOG.log(Level.INFO, "counted the messages waiting in the store only");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot count the messages waiting in the store only: {0}; trying again in a second",
                    e.getMessage());
            core.schedule(this::countRecovered, 1000);
        }
    }

    private void recoverSubscription(SubscriptionRecord r) {
        Topic topic = destinations.addTopic(r.topic());
        Selector selector;
        try {
            selector = Selector.parseOrNull(r.selector());
        } catch (SelectorSyntaxException e) {
            LOG.log(Level.WARNING, "stored subscription {0} has a selector this broker cannot parse; it is ignored", r.key());
            return;
        }
        destinations.addSubscription(new Subscription(r.key(), topic, r.clientId(), r.name(), selector, r.noLocal(),
                r.shared(), true, null, this));
    }

    private boolean recoverMessage(StoredMessage m) {
        MessageQueue queue = destinations.byStoreKey(m.queueKey());
        if (queue == null) {
            LOG.log(Level.WARNING, "message row {0} belongs to unknown {1}; left in the store", m.id(), m.queueKey());
            return false;
        }
        MessageRef ref = MessageRef.recovered(m.id(), m.priority(), m.expiration(), m.deliveryTime(), m.bodyLength() >= 0,
                m.deliveryCount(), storedHeaders);
        nextId = Math.max(nextId, m.id());
        if (recoveredTransactions != null && recoveredTransactions.adopt(ref, queue, m.txKey())) {
            return true;
        }
        if (m.txKey() != null) {
            LOG.log(Level.WARNING, "message row {0} belongs to unknown transaction {1}; left in the store", m.id(), m.txKey());
            return false;
        }
        queue.add(ref, System.currentTimeMillis());
        return true;
    }

    /** Runs a task on the core thread and waits for it; for start-up, admin and tests. */
    public void runOnCore(Runnable task) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(task, core);
        try {
            done.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker core did not answer in time", e);
        }
    }

    public BrokerConfig config() {
        return config;
    }

    public CoreExecutor core() {
        return core;
    }

    public MessageStore store() {
        return store;
    }

    /** The store's resource manager id (see {@link MessageStore#resourceManagerId()}). */
    public String resourceManagerId() {
        return store.resourceManagerId();
    }

    public Destinations destinations() {
        return destinations;
    }

    MessageRouter router() {
        return router;
    }

    public Settlement settlement() {
        return settlement;
    }

    public MemoryBudget memory() {
        return memory;
    }

    public String serverName() {
        return config.name();
    }

    String newTemporaryName(String kind) {
        return "tmp-" + kind + "-" + config.name() + "-" + (++tempCounter) + "-" + Long.toHexString(System.nanoTime());
    }

    /**
     * Registers a new client connection (after its handshake).
     *
     * @param access what the connection's user may do
     */
    public ServerConnection connect(ClientLink link, String connectionId, AccessCheck access) {
        core.checkCoreThread("connect");
        ServerConnection c = new ServerConnection(connectionId, link, this, access);
        connections.add(c);
        return c;
    }

    void disconnected(ServerConnection c) {
        connections.remove(c);
    }

    public Set<ServerConnection> connections() {
        return connections;
    }

    /** What the metrics and the console show of this broker now; call on the core thread. */
    public BrokerFigures figures() {
        core.checkCoreThread("figures");
        List<BrokerFigures.Destination> list = new ArrayList<>();
        for (MessageQueue q : destinations.queues()) {
            list.add(new BrokerFigures.Destination("queue", q.name(), q.counts()));
        }
        for (Topic t : destinations.topics()) {
            QueueCounts sum = QueueCounts.NONE;
            for (Subscription s : t.subscriptions()) {
                sum = sum.plus(s.queue().counts());
            }
            list.add(new BrokerFigures.Destination("topic", t.name(), new QueueCounts(sum.waiting(), sum.inDelivery(),
                    t.consumerCount(), sum.enqueued(), sum.consumed(), sum.expired(), sum.deadLettered(), sum.paged())));
        }
        list.sort(java.util.Comparator.comparing(BrokerFigures.Destination::kind).thenComparing(BrokerFigures.Destination::name));
        int sessions = 0;
        List<BrokerFigures.Client> clients = new ArrayList<>();
        for (ServerConnection c : connections) {
            sessions += c.sessionCount();
            if (clients.size() < BrokerFigures.LISTED_CLIENTS) {
                clients.add(c.figures());
            }
        }
        return new BrokerFigures(list, clients, connections.size(), sessions, memory.used(), memory.limit());
    }

    /** Whether another live connection already uses this client id. */
    boolean clientIdInUse(String clientId, ServerConnection except) {
        for (ServerConnection c : connections) {
            if (c != except && clientId.equals(c.clientId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message of a ref with its body, read from the store if it was paged out (with the headers
     * in the same read when they are not in memory either).
     *
     * @throws io.tandemmq.broker.store.StoreException when the store cannot be read
     */
    WireMessage fullMessage(MessageRef ref) {
        if (ref.isBodyInMemory()) {
            return ref.withBody(ref.body());
        }
        if (ref.hasHeadersInMemory()) {
            return ref.withBody(store.loadBody(ref.id()));
        }
        StoredContent content = store.loadContent(ref.id());
        ref.headersRead(WireMessage.decode(content.headers()));
        return ref.withBody(content.body());
    }

    /** Headers of stored messages not held in memory: read from the store, kept while the memory budget has room. */
    private final class StoredHeaders implements MessageRef.HeaderSource {
        @Override
        public WireMessage headers(long rowId) {
            return WireMessage.decode(store.loadHeaders(rowId));
        }

        @Override
        public boolean reserve(long bytes) {
            return memory.tryReserve(bytes);
        }
    }

    void reportStoreTrouble(RuntimeException e) {
        LOG.log(Level.ERROR, "store trouble: {0}", e.getMessage());
    }

    private void writeDefinition(StoreBatch batch) {
        store.write(batch).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "could not store a destination definition: {0}", failure.getMessage());
            }
        });
    }

    private final java.util.concurrent.atomic.AtomicInteger lanes = new java.util.concurrent.atomic.AtomicInteger();

    /** A store lane for a new client connection: connections are spread over the store's writers in turn. */
    public int nextLane() {
        return lanes.incrementAndGet();
    }

    /** Writes a batch; the returned future completes on the core thread. */
    public CompletableFuture<Void> write(StoreBatch batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.write(batch).whenCompleteAsync((ok, failure) -> { }, core);
    }

    @Override
    public boolean deliveryPaused() {
        return deliveryPaused;
    }

    /** Stops delivering new messages (for a switchover); deliveries already made stay. */
    public void pauseDelivery() {
        core.checkCoreThread("pauseDelivery");
        deliveryPaused = true;
    }

    /**
     * Local transactions that hold work (sends waiting for commit, or deliveries not yet
     * acknowledged) in transacted sessions; a switchover waits for them to end.
     */
    public int openLocalTransactions() {
        core.checkCoreThread("openLocalTransactions");
        int open = 0;
        for (ServerConnection c : connections) {
            open += c.openTransactions();
        }
        return open;
    }

    @Override
    public void expire(MessageQueue queue, MessageRef ref) {
        settlement.expire(queue, ref);
    }

    @Override
    public void scheduleWakeUp(MessageQueue queue, long delayMillis) {
        core.schedule(() -> {
            long now = System.currentTimeMillis();
            queue.releaseScheduled(now);
            queue.dispatch(now);
        }, delayMillis);
    }

    @Override
    public int queueWindow() {
        return config.queueWindow();
    }

    @Override
    public List<WaitingRow> readWaiting(MessageQueue queue, int priority, long afterId, int max) {
        return store.readWaiting(queue.key(), priority, afterId, max);
    }

    @Override
    public CompletableFuture<List<WaitingRow>> readWaitingLater(MessageQueue queue, int priority, long afterId, int max) {
        String key = queue.key();
        return CompletableFuture.supplyAsync(() -> store.readWaiting(key, priority, afterId, max), pageReader)
                .whenCompleteAsync((rows, failure) -> { }, core);
    }

    @Override
    public void dispatchLater(MessageQueue queue) {
        core.execute(() -> queue.dispatch(System.currentTimeMillis()));
    }

    @Override
    public MessageRef readBack(WaitingRow row) {
        // sized by the stored bytes, so that a row the budget has no room for is not decoded for nothing
        long size = row.hasContent() ? row.headers().length + (row.body() == null ? 0 : row.body().length) : 0;
        if (row.hasContent() && memory.tryReserve(size)) {
            MessageRef ref = new MessageRef(row.id(), WireMessage.decode(row.headers()), row.body(),
                    row.bodyLength() >= 0, true, null, row.deliveryCount());
            ref.reserved(size);
            return ref;
        }
        return MessageRef.recovered(row.id(), row.priority(), row.expiration(), row.deliveryTime(), row.bodyLength() >= 0,
                row.deliveryCount(), storedHeaders);
    }

    @Override
    public long[] countWaiting(MessageQueue queue, int priority, long afterId, long upToId, int max) {
        return store.countWaiting(queue.key(), priority, afterId, upToId, max);
    }

    @Override
    public List<MessageRef> browseWaiting(MessageQueue queue, int priority, long afterId, int max) {
        List<MessageRef> refs = new ArrayList<>();
        for (StoredMessage m : store.browseWaiting(queue.key(), priority, afterId, max)) {
            refs.add(MessageRef.recovered(m.id(), m.priority(), m.expiration(), m.deliveryTime(), m.bodyLength() >= 0,
                    m.deliveryCount(), storedHeaders));
        }
        return refs;
    }

    private void purgeConsumed() {
        int[] removed = new int[1];
        write(StoreBatch.of(new StoreOperation.PurgeConsumed(System.currentTimeMillis() - DUPLICATE_WINDOW_MILLIS,
                PURGE_ROWS_PER_STEP, n -> removed[0] = n))).whenComplete((ok, failure) -> {
                    if (failure == null && removed[0] >= PURGE_ROWS_PER_STEP) {
                        purgeConsumed();
                    }
                });
    }

    private void pruneOutcomes() {
        write(StoreBatch.of(new StoreOperation.PruneOutcomes("local:", System.currentTimeMillis() - LOCAL_OUTCOME_RETENTION_MILLIS)));
    }

    CompletableFuture<byte[]> pendingPersistentSend(String messageId) {
        return pendingPersistent.get(messageId);
    }

    void persistentSendStarted(String messageId, CompletableFuture<byte[]> stored) {
        pendingPersistent.put(messageId, stored);
    }

    void persistentSendDone(String messageId) {
        pendingPersistent.remove(messageId);
    }

    private void expireOld() {
        long now = System.currentTimeMillis();
        for (MessageQueue q : destinations.allMessageQueues()) {
            q.expireOld(now);
        }
    }

    /** Dispatches the queues given, after messages were added or consumers got credit. */
    public void dispatch(Iterable<MessageQueue> queues) {
        core.checkCoreThread("dispatch");
        long now = System.currentTimeMillis();
        for (MessageQueue q : queues) {
            q.dispatch(now);
        }
    }

    /**
     * Deletes a queue with its messages, or a topic that has no durable subscriptions left.
     *
     * @throws BrokerException INVALID_DESTINATION when it does not exist, ILLEGAL_STATE while in use
     */
    public CompletableFuture<Void> deleteDestination(DestinationRef dest) {
        core.checkCoreThread("deleteDestination");
        StoreBatch.Builder batch = new StoreBatch.Builder();
        if (dest.kind() == DestinationKind.QUEUE) {
            MessageQueue q = destinations.existingQueue(dest.name());
            if (q == null) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no queue " + dest.name());
            }
            if (!q.consumers().isEmpty() || q.inDelivery() > 0) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "queue " + dest.name() + " has consumers");
            }
            destinations.removeQueue(dest.name());
            settlement.discard(q.drain(), new StoreBatch.Builder());
            q.dropStoreOnly(null);
            batch.add(new StoreOperation.DeleteDestination(DestinationKind.QUEUE, dest.name(), q.key()));
        } else if (dest.kind() == DestinationKind.TOPIC) {
            Topic t = destinations.existingTopic(dest.name());
            if (t == null) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no topic " + dest.name());
            }
            if (!t.subscriptions().isEmpty()) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "topic " + dest.name() + " has subscriptions");
            }
            destinations.removeTopic(dest.name());
            batch.add(new StoreOperation.DeleteDestination(DestinationKind.TOPIC, dest.name(), "topic:" + dest.name()));
        } else {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary destinations are deleted by their connection");
        }
        return write(batch.build());
    }

    /**
     * Removes every waiting message of a queue (not those delivered and not yet acknowledged).
     *
     * @return completes with how many were removed once the store has forgotten them
     * @throws BrokerException INVALID_DESTINATION when there is no such queue
     */
    public CompletableFuture<Integer> purgeQueue(String name) {
        core.checkCoreThread("purgeQueue");
        MessageQueue q = existing(name);
        List<MessageRef> removed = q.drain();
        StoreBatch.Builder batch = new StoreBatch.Builder();
        settlement.discard(removed, batch);
        long inStore = q.dropStoreOnly(batch);
        int purged = (int) Math.min(Integer.MAX_VALUE, removed.size() + inStore);
        LOG.log(Level.INFO, "purged {0} messages from queue {1}", purged, name);
        return write(batch.build()).thenApply(ok -> purged);
    }

    /**
     * Moves waiting messages from one queue to another (created when missing), oldest first, with
     * their priority, delivery time and delivery count; for example dead letters back to their queue.
     *
     * @param selector null for every message
     * @return completes with how many were moved once the store holds them in their new queue
     * @throws BrokerException INVALID_DESTINATION when the source does not exist or is the target
     */
    public CompletableFuture<Integer> moveMessages(String from, String to, Selector selector, int max) {
        core.checkCoreThread("moveMessages");
        MessageQueue source = existing(from);
        if (from.equals(to)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "queue " + from + " is the source and the target");
        }
        MessageQueue target = destinations.queue(to);
        long now = System.currentTimeMillis();
        List<MessageRef> moved = source.takeWaiting(selector, max, now);
        StoreBatch.Builder batch = new StoreBatch.Builder();
        for (MessageRef ref : moved) {
            if (ref.isStored()) {
                batch.add(new StoreOperation.MoveMessage(ref.id(), target.key(), ref.deliveryCount()));
            }
            target.add(ref, now);
        }
        target.dispatch(now);
        LOG.log(Level.INFO, "moved {0} messages from queue {1} to queue {2}", moved.size(), from, to);
        return write(batch.build()).thenApply(ok -> moved.size());
    }

    private MessageQueue existing(String name) {
        MessageQueue q = destinations.existingQueue(name);
        if (q == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no queue " + name);
        }
        return q;
    }

    /**
     * Messages per second added to and consumed from a queue over the last 5 to 10 seconds
     * (sampled every 5 s on the core thread); zeros until two samples exist.
     */
    public double[] rates(MessageQueue q) {
        long[] old = olderRateSample.get(q.key());
        if (old == null) {
            return new double[] {0, 0};
        }
        QueueCounts c = q.counts();
        double seconds = (System.currentTimeMillis() - old[0]) / 1000.0;
        if (seconds <= 0) {
            return new double[] {0, 0};
        }
        return new double[] {Math.max(0, c.enqueued() - old[1]) / seconds, Math.max(0, c.consumed() - old[2]) / seconds};
    }

    private void sampleRates() {
        olderRateSample = newerRateSample;
        Map<String, long[]> now = new HashMap<>();
        long at = System.currentTimeMillis();
        for (MessageQueue q : destinations.queues()) {
            QueueCounts c = q.counts();
            now.put(q.key(), new long[] {at, c.enqueued(), c.consumed()});
        }
        newerRateSample = now;
    }

    /** Stops the core thread and the store; connections must be closed first. */
    public void stop() {
        core.shutdown();
        pageReader.shutdownNow();
        store.close();
    }
}
