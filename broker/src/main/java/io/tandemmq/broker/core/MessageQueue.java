package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.Selector;
import io.tandemmq.protocol.WireMessage;

import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.broker.store.WaitingRow;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The messages waiting for one queue or one topic subscription, and the consumers taking them.
 * Ready messages are kept highest priority first, then in arrival order; messages with a future
 * delivery time wait aside until it comes. Consumers are served round-robin as their credit allows.
 *
 * <p>A durable queue holds at most its window of waiting messages in memory. Stored messages that
 * arrive beyond it live only in the store ({@link StoreBacklog}) and are read back, oldest first and
 * highest priority first, when fewer than half the window are ready. Messages with a delivery time
 * read back wait in memory for it. A consumer whose selector matches none of the messages in memory
 * waits until others take them (as on Artemis's paged addresses).
 */
public final class MessageQueue {
    private static final Logger LOG = System.getLogger(MessageQueue.class.getName());
    /** Rows read back from the store in one query. */
    static final int READ_BACK_ROWS = 500;
    /** Rows found at start-up beyond the window counted in one step (a step holds the core thread). */
    public static final int COUNT_STEP = 10_000;
    private static final Comparator<MessageRef> DELIVERY_ORDER =
            Comparator.comparingInt(MessageRef::priority).reversed().thenComparingLong(MessageRef::id);

    private final String key;
    private final String name;
    private final boolean durable;
    private final DeliveryPolicy policy;
    private final TreeSet<MessageRef> ready = new TreeSet<>(DELIVERY_ORDER);
    private final PriorityQueue<MessageRef> scheduled =
            new PriorityQueue<>(Comparator.comparingLong(MessageRef::deliveryTime)
                    .thenComparingLong(MessageRef::id));
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private long delivering;
    private boolean honoursExpiry = true;
    /**
     * At least the number of waiting messages that have an expiration time (it may count some
     * twice): the expiry scan walks the whole queue only when it is not zero, and most queues
     * hold no message that can expire.
     */
    private int mayExpire;
    /** Waiting messages in memory whose body is only in the store (it never comes back into their ref). */
    private long paged;
    /** Most waiting messages held in memory; 0: all of them (a queue that is not durable). */
    private final int window;
    private final StoreBacklog backlog = new StoreBacklog();
    /** Stored messages routed here whose arrival (their commit) has not come yet. */
    private final Set<Long> expected = new HashSet<>();
    /** A read back from the store is in flight, of this priority. */
    private boolean reading;
    private int readLevel;
    /** Moves when a read in flight must be ignored (a read on the core thread, a purge, a deletion). */
    private long readGeneration;
    /** Messages of the priority being read that went to the store only while the read was in flight. */
    private List<MessageRef> arrivedWhileReading = new ArrayList<>();
    private boolean deleted;
    // counted on the core thread since this server became active, for the metrics
    private long enqueued;
    private long consumed;
    private long expiredCount;
    private long deadLettered;

    /**
     * @param key the store key of this queue's rows
     * @param durable whether persistent messages sent here are written to the store
     */
    public MessageQueue(String key, String name, boolean durable, DeliveryPolicy policy) {
        this.key = key;
        this.name = name;
        this.durable = durable;
        this.policy = policy;
        this.window = durable ? policy.queueWindow() : 0;
    }

    public String key() {
        return key;
    }

    /** Off for the expiry queue, whose messages are all expired and still must be consumable. */
    void setHonoursExpiry(boolean honoursExpiry) {
        this.honoursExpiry = honoursExpiry;
    }

    /** The queue was deleted (or its subscription ended): messages returned to it are dropped. */
    public boolean isDeleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }

    /**
     * A message as the consumers and browsers of this queue get it. Messages in the expiry queue
     * have expired already; they go out without an expiration time (as Artemis does), or clients
     * would refuse them as expired.
     */
    WireMessage asDelivered(WireMessage message) {
        return honoursExpiry || message.expiration() == 0 ? message : message.toBuilder().expiration(0).build();
    }

    private boolean expired(MessageRef ref, long now) {
        return honoursExpiry && ref.isExpired(now);
    }

    public String name() {
        return name;
    }

    public boolean isDurable() {
        return durable;
    }

    /**
     * Messages waiting, scheduled ones and those only in the store included, not counting those
     * delivered and not yet acknowledged. Right after a start-up with a large backlog, those in the
     * store are still being counted.
     */
    public long size() {
        return inMemory() + backlog.total();
    }

    /** Waiting messages held in memory. */
    int inMemory() {
        return ready.size() + scheduled.size();
    }

    /** Waiting messages only in the store (as counted so far). */
    long storeOnly() {
        return backlog.total();
    }

    /** Messages delivered and not yet acknowledged. */
    public long inDelivery() {
        return delivering;
    }

    public List<ServerConsumer> consumers() {
        return consumers;
    }

    /** A stored message was routed here; its arrival comes when its row (or its transaction) is committed. */
    public void expectArrival(MessageRef ref) {
        if (window > 0 && ref.isStored()) {
            expected.add(ref.id());
        }
    }

    /** A routed message will not arrive (its transaction rolled back, its session closed). */
    public void forgetArrival(MessageRef ref) {
        expected.remove(ref.id());
    }

    /**
     * A sent message is committed here: it waits in memory, or, when the queue pages, in the store
     * only (its ref is then dropped; the caller releases its memory).
     *
     * @return true when it is held in memory
     */
    boolean arrive(MessageRef ref, long now) {
        expected.remove(ref.id());
        if (ref.isStored() && window > 0) {
            int level = StoreBacklog.level(ref.priority());
            if (!backlog.isPaging(level) && (inMemory() >= window || !ref.isBodyInMemory())) {
                backlog.startPaging(level);
            }
            if (backlog.isStoreOnly(level, ref.id())) {
                enqueued++;
                backlog.countStoreOnly(level, 1);
                if (reading && level == readLevel) {
                    arrivedWhileReading.add(ref);
                }
                return false;
            }
        }
        add(ref, now);
        return true;
    }

    /**
     * At start-up a full window of this priority was read: more may wait in the store above
     * {@code afterId}, up to {@code highestId}. They are counted afterwards ({@link #countRecovered}).
     */
    public void recoveredBeyond(int priority, long afterId, long highestId) {
        backlog.recoveredBeyond(StoreBacklog.level(priority), afterId, highestId);
    }

    /**
     * Counts a step of the messages found beyond the window at start-up (so that the figures show
     * them).
     *
     * @return whether more remain to count
     * @throws RuntimeException when the store cannot be read (the count stays where it was)
     */
    public boolean countRecovered(int step) {
        for (int level = StoreBacklog.PRIORITIES - 1; level >= 0; level--) {
            if (backlog.counting(level)) {
                long[] found = policy.countWaiting(this, level, backlog.countFrom(level), backlog.countTo(level), step);
                backlog.counted(level, found[0], found[1]);
                enqueued += found[0];
                return true;
            }
        }
        return false;
    }

    public void add(MessageRef ref, long now) {
        enqueued++;
        hold(ref, now);
    }

    private void hold(MessageRef ref, long now) {
        backlog.inMemory(StoreBacklog.level(ref.priority()), ref.id(), ref.isStored());
        countIfExpiring(ref);
        countIfPaged(ref, 1);
        if (ref.deliveryTime() > now) {
            scheduled.add(ref);
            policy.scheduleWakeUp(this, ref.deliveryTime() - now);
        } else {
            ready.add(ref);
        }
    }

    /** Puts back a message that was delivered and not acknowledged; it keeps its place in order. */
    void putBack(MessageRef ref) {
        delivering--;
        backlog.inMemory(StoreBacklog.level(ref.priority()), ref.id(), ref.isStored());
        countIfExpiring(ref);
        countIfPaged(ref, 1);
        ready.add(ref);
    }

    /** A message held outside the queue (by a recovered prepared branch) counts as in delivery. */
    public void holdInDelivery() {
        delivering++;
    }

    /** A delivered message was acknowledged or moved elsewhere. */
    void delivered() {
        delivering--;
    }

    void countConsumed() {
        consumed++;
    }

    void countExpired() {
        expiredCount++;
    }

    void countDeadLettered() {
        deadLettered++;
    }

    /** What the metrics show of this queue; call on the core thread. */
    public QueueCounts counts() {
        return new QueueCounts(size(), delivering, consumers.size(), enqueued, consumed, expiredCount, deadLettered,
                paged + backlog.total());
    }

    /** Moves messages whose delivery time has come to the ready set. */
    public void releaseScheduled(long now) {
        while (!scheduled.isEmpty() && scheduled.peek().deliveryTime() <= now) {
            ready.add(scheduled.poll());
        }
    }

    public void addConsumer(ServerConsumer consumer) {
        consumers.add(consumer);
    }

    public void removeConsumer(ServerConsumer consumer) {
        consumers.remove(consumer);
    }

    /**
     * Gives ready messages to consumers with credit; expired messages met on the way are expired.
     * Store-only messages are read back as the window empties.
     */
    public void dispatch(long now) {
        if (policy.deliveryPaused() || consumers.isEmpty()) {
            return;
        }
        while (true) {
            fillWindow(now);
            if (ready.isEmpty() || !anyCredit()) {
                return;
            }
            dispatchReady(now);
            if (!ready.isEmpty() || !backlog.any() || !anyCredit()) {
                return;
            }
        }
    }

    private void dispatchReady(long now) {
        Iterator<MessageRef> it = ready.iterator();
        while (it.hasNext()) {
            MessageRef ref = it.next();
            if (expired(ref, now)) {
                it.remove();
                countIfPaged(ref, -1);
                policy.expire(this, ref);
                continue;
            }
            ServerConsumer consumer = pickConsumer(ref);
            if (consumer == null) {
                if (!anyCredit()) {
                    return;
                }
                continue;
            }
            it.remove();
            countIfPaged(ref, -1);
            delivering++;
            consumer.deliver(this, ref);
        }
    }

    /**
     * Delivers one message to this consumer if one is ready, whatever its credit, for
     * {@code receiveNoWait}.
     */
    public void dispatchOne(ServerConsumer consumer, long now) {
        if (policy.deliveryPaused()) {
            return;
        }
        do {
            fillWindow(now);
            if (deliverOne(consumer, now)) {
                return;
            }
        } while (ready.isEmpty() && backlog.any() && readBackSome(now));
    }

    private boolean deliverOne(ServerConsumer consumer, long now) {
        Iterator<MessageRef> it = ready.iterator();
        while (it.hasNext()) {
            MessageRef ref = it.next();
            if (expired(ref, now)) {
                it.remove();
                countIfPaged(ref, -1);
                policy.expire(this, ref);
                continue;
            }
            if (consumer.accepts(ref)) {
                it.remove();
                countIfPaged(ref, -1);
                delivering++;
                consumer.deliver(this, ref);
                return true;
            }
        }
        return false;
    }

    /**
     * Starts reading store-only messages back when fewer than half the window are ready, highest
     * priority first, off the core thread ({@link #readArrived}); one read at a time.
     */
    void fillWindow(long now) {
        if (window == 0 || reading || ready.size() >= window / 2) {
            return;
        }
        for (int level = StoreBacklog.PRIORITIES - 1; level >= 0; level--) {
            if (!backlog.isPaging(level)) {
                continue;
            }
            if (!backlog.hasStoreOnly(level)) {
                backlog.exhausted(level);
                continue;
            }
            startRead(level, Math.min(READ_BACK_ROWS, window - ready.size()));
            return;
        }
    }

    private void startRead(int level, int max) {
        reading = true;
        readLevel = level;
        long generation = readGeneration;
        policy.readWaitingLater(this, level, backlog.cursor(level), max)
                .whenComplete((rows, failure) -> readArrived(generation, level, max, rows, failure));
    }

    /**
     * A read started by {@link #fillWindow} came back (on the core thread). Messages that arrived
     * meanwhile and went to the store only are set right: those the read's rows passed over come
     * into memory (they were committed after the read looked), the others stay in the store.
     */
    private void readArrived(long generation, int level, int max, List<WaitingRow> rows, Throwable failure) {
        if (generation != readGeneration) {
            return;
        }
        reading = false;
        List<MessageRef> arrived = arrivedWhileReading;
        arrivedWhileReading = new ArrayList<>();
        if (failure != null) {
            LOG.log(Level.WARNING, "cannot read the waiting messages of {0} from the store: {1}; trying again in a second",
                    name, failure.getMessage());
            policy.scheduleWakeUp(this, 1000);
            return;
        }
        long now = System.currentTimeMillis();
        Set<Long> read = new HashSet<>();
        for (WaitingRow row : rows) {
            read.add(row.id());
            takeBack(level, row, now);
        }
        boolean moreArrived = false;
        for (MessageRef ref : arrived) {
            if (ref.id() > backlog.cursor(level)) {
                moreArrived = true;
            } else if (!read.contains(ref.id())) {
                backlog.arrivedBehindCursor(level);
                hold(ref, now);
            }
        }
        if (rows.size() < max && !moreArrived) {
            exhausted(level);
        }
        policy.dispatchLater(this);
    }

    /** Reads back the next rows of the highest priority that has store-only messages, whatever the window. */
    private boolean readBackSome(long now) {
        for (int level = StoreBacklog.PRIORITIES - 1; level >= 0; level--) {
            if (backlog.hasStoreOnly(level)) {
                return readBack(level, READ_BACK_ROWS, now);
            }
        }
        return false;
    }

    /** Forgets a read in flight: what it brings back is not used (it is read again from the cursor). */
    private void abandonRead() {
        if (reading) {
            readGeneration++;
            reading = false;
            arrivedWhileReading = new ArrayList<>();
        }
    }

    /**
     * Reads back at once, on the core thread (for a move or {@code receiveNoWait}).
     *
     * @return false when the store could not be read
     */
    private boolean readBack(int level, int max, long now) {
        abandonRead();
        List<WaitingRow> rows;
        try {
            rows = policy.readWaiting(this, level, backlog.cursor(level), max);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the waiting messages of {0} from the store: {1}", name, e.getMessage());
            return false;
        }
        for (WaitingRow row : rows) {
            takeBack(level, row, now);
        }
        if (rows.size() < max) {
            exhausted(level);
        }
        return true;
    }

    private void takeBack(int level, WaitingRow row, long now) {
        if (expected.contains(row.id())) {
            backlog.passOver(level, row.id());
        } else if (backlog.readBack(level, row.id())) {
            hold(policy.readBack(row), now);
        }
    }

    private void exhausted(int level) {
        long missing = backlog.exhausted(level);
        if (missing != 0) {
            LOG.log(Level.INFO, "{0} counted {1} waiting messages of priority {2} more than the store holds;"
                    + " its count is corrected", name, missing, level);
        }
    }

    private boolean anyCredit() {
        for (ServerConsumer c : consumers) {
            if (c.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    private ServerConsumer pickConsumer(MessageRef ref) {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            ServerConsumer c = consumers.get((nextConsumer + i) % n);
            if (c.hasCredit() && c.accepts(ref)) {
                nextConsumer = (nextConsumer + i + 1) % n;
                return c;
            }
        }
        return null;
    }

    private void countIfExpiring(MessageRef ref) {
        if (honoursExpiry && ref.canExpire()) {
            mayExpire++;
        }
    }

    private void countIfPaged(MessageRef ref, int change) {
        if (!ref.isBodyInMemory()) {
            paged += change;
        }
    }

    /** Removes expired ready and scheduled messages. */
    public void expireOld(long now) {
        if (mayExpire == 0) {
            return;
        }
        mayExpire = 0;
        ready.removeIf(ref -> expireOrCount(ref, now));
        scheduled.removeIf(ref -> expireOrCount(ref, now));
    }

    private boolean expireOrCount(MessageRef ref, long now) {
        if (expired(ref, now)) {
            countIfPaged(ref, -1);
            policy.expire(this, ref);
            return true;
        }
        countIfExpiring(ref);
        return false;
    }

    /**
     * Up to {@code max} waiting messages after {@code afterId} in arrival order, for a browser:
     * those in memory and those only in the store. When the store cannot be read, those in memory.
     */
    public List<MessageRef> browse(Selector selector, long afterId, int max, long now) {
        TreeSet<MessageRef> byArrival = new TreeSet<>(Comparator.comparingLong(MessageRef::id));
        for (MessageRef ref : ready) {
            if (ref.id() > afterId && !expired(ref, now) && (selector == null || selector.matches(ref))) {
                byArrival.add(ref);
            }
        }
        try {
            for (int level = 0; level < StoreBacklog.PRIORITIES; level++) {
                if (backlog.hasStoreOnly(level)) {
                    browseStore(level, selector, afterId, max, now, byArrival);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot browse the waiting messages of {0} in the store: {1}", name, e.getMessage());
        }
        return first(byArrival, max);
    }

    /** The first {@code max} store-only messages of one priority after {@code afterId} that the selector takes. */
    private void browseStore(int level, Selector selector, long afterId, int max, long now, Set<MessageRef> into) {
        long from = Math.max(afterId, backlog.cursor(level));
        int found = 0;
        while (found < max) {
            List<MessageRef> rows = policy.browseWaiting(this, level, from, READ_BACK_ROWS);
            for (MessageRef ref : rows) {
                from = ref.id();
                if (!expected.contains(ref.id()) && !backlog.ahead(level).contains(ref.id()) && !expired(ref, now)
                        && (selector == null || selector.matches(ref)) && found < max) {
                    into.add(ref);
                    found++;
                }
            }
            if (rows.size() < READ_BACK_ROWS) {
                return;
            }
        }
    }

    private static List<MessageRef> first(Set<MessageRef> byArrival, int max) {
        List<MessageRef> page = new ArrayList<>(Math.min(max, byArrival.size()));
        for (MessageRef ref : byArrival) {
            if (page.size() == max) {
                break;
            }
            page.add(ref);
        }
        return page;
    }

    /**
     * Removes up to {@code max} waiting messages (scheduled ones included) that the selector
     * accepts, oldest first, for moving them elsewhere; messages in delivery stay. Store-only
     * messages are read back for it while the window has room.
     *
     * @param selector null for every message
     */
    public List<MessageRef> takeWaiting(Selector selector, int max, long now) {
        List<MessageRef> taken = takeWaitingInMemory(selector, max);
        while (taken.size() < max && backlog.any() && inMemory() < Math.max(window, READ_BACK_ROWS)
                && readBackSome(now)) {
            taken.addAll(takeWaitingInMemory(selector, max - taken.size()));
        }
        return taken;
    }

    private List<MessageRef> takeWaitingInMemory(Selector selector, int max) {
        TreeSet<MessageRef> byArrival = new TreeSet<>(Comparator.comparingLong(MessageRef::id));
        for (MessageRef ref : ready) {
            if (selector == null || selector.matches(ref)) {
                byArrival.add(ref);
            }
        }
        for (MessageRef ref : scheduled) {
            if (selector == null || selector.matches(ref)) {
                byArrival.add(ref);
            }
        }
        List<MessageRef> taken = first(byArrival, max);
        taken.forEach(ref -> {
            if (!ready.remove(ref)) {
                scheduled.remove(ref);
            }
            countIfPaged(ref, -1);
        });
        return taken;
    }

    /** The waiting message that arrived first (scheduled ones included), or null when none waits. */
    public MessageRef oldestWaiting() {
        MessageRef oldest = null;
        for (MessageRef ref : ready) {
            if (oldest == null || ref.id() < oldest.id()) {
                oldest = ref;
            }
        }
        for (MessageRef ref : scheduled) {
            if (oldest == null || ref.id() < oldest.id()) {
                oldest = ref;
            }
        }
        return oldest;
    }

    /**
     * Forgets the messages that wait only in the store, and adds to the batch (when given) what
     * marks their rows consumed. A queue deleted with its rows passes none.
     *
     * @return how many there were (as counted so far)
     */
    public long dropStoreOnly(StoreBatch.Builder batch) {
        boolean counting = batch != null;
        while (counting) {
            counting = countRecovered(COUNT_STEP);
        }
        long dropped = backlog.total();
        for (int level = 0; level < StoreBacklog.PRIORITIES; level++) {
            if (batch != null && backlog.isPaging(level)) {
                List<Long> keep = new ArrayList<>(expected);
                keep.addAll(backlog.ahead(level));
                batch.add(new StoreOperation.ConsumeWaiting(key, level, backlog.cursor(level), keep));
            }
        }
        abandonRead();
        backlog.clear();
        return dropped;
    }

    /** Removes and returns every waiting message held in memory (see {@link #dropStoreOnly}). */
    public List<MessageRef> drain() {
        List<MessageRef> all = new ArrayList<>(ready);
        all.addAll(scheduled);
        ready.clear();
        scheduled.clear();
        paged = 0;
        return all;
    }

    @Override
    public String toString() {
        return "MessageQueue[" + key + "]";
    }
}
