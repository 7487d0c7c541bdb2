package io.tandemmq.broker.core;

import io.tandemmq.broker.config.BrokerConfigParser;
import io.tandemmq.broker.security.AccessCheck;
import io.tandemmq.broker.store.JdbcMessageStore;
import io.tandemmq.broker.store.StoreLocation;
import io.tandemmq.protocol.Ack;
import io.tandemmq.protocol.AckMode;
import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.Browse;
import io.tandemmq.protocol.BrowseBatch;
import io.tandemmq.protocol.ConsumerOpen;
import io.tandemmq.protocol.Delivery;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.SessionOpen;
import io.tandemmq.protocol.SubscriptionMode;
import io.tandemmq.protocol.WireMessage;
import io.tandemmq.protocol.WireReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue whose backlog is larger than its window: a real broker on embedded Derby, driven on its
 * core thread the way the network layer drives it.
 */
class PagedQueueTest {
    private static final int WINDOW = 10;
    private static final long SESSION = 1;

    @TempDir
    Path data;
    private Broker broker;
    private ServerConnection connection;
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.runOnCore(() -> connection.close());
            broker.stop();
        }
    }

    @Test
    void backlogBeyondTheWindow_waitsInTheStoreOnly_andIsDeliveredInOrderOnce() throws Exception {
        start();
        sendNumbered("q", 0, 100, 4);
        MessageQueue q = queue("q");
        assertEquals(WINDOW, onCore(q::inMemory));
        assertEquals(90L, onCore(q::storeOnly));
        QueueCounts counts = onCore(q::counts);
        assertEquals(100, counts.waiting());
        assertTrue(counts.paged() >= 90, "paged " + counts.paged());

        consume("q", 1000);
        awaitDelivered(100);
        assertEquals(numbers(0, 100), deliveredNumbers());
        acknowledgeAll();
        assertEquals(0L, onCore(q::size));
    }

    @Test
    void higherPriorityWaitingInTheStore_comesRightAfterTheWindowInMemory() throws Exception {
        start();
        sendNumbered("q", 0, 30, 4);
        sendNumbered("q", 100, 105, 9);
        consume("q", 1000);
        awaitDelivered(35);
        List<Integer> order = deliveredNumbers();
        assertEquals(35, order.size());
        assertEquals(numbers(0, WINDOW), order.subList(0, WINDOW), "the window held in memory goes first");
        assertEquals(numbers(100, 105), order.subList(WINDOW, WINDOW + 5), "then priority 9 from the store");
        assertEquals(numbers(WINDOW, 30), order.subList(WINDOW + 5, 35));
    }

    @Test
    void restart_readsOnlyTheWindow_countsTheRest_andDeliversThemAll() throws Exception {
        start();
        sendNumbered("q", 0, 100, 4);
        restart();
        MessageQueue q = queue("q");
        assertEquals(WINDOW, onCore(q::inMemory));
        assertEquals(0L, onCore(q::storeOnly), "the rest is counted after the start");
        assertEquals(90L, awaitCounted(() -> q, 90));
        consume("q", 1000);
        awaitDelivered(100);
        assertEquals(numbers(0, 100), deliveredNumbers());
        acknowledgeAll();
        restart();
        assertEquals(0L, onCore(queue("q")::size));
    }

    @Test
    void purge_removesTheMessagesWaitingInTheStoreOnly_evenAfterARestart() throws Exception {
        start();
        sendNumbered("q", 0, 100, 4);
        CompletableFuture<Integer> purged = onCore(() -> broker.purgeQueue("q"));
        assertEquals(100, purged.get(10, TimeUnit.SECONDS));
        restart();
        assertEquals(0L, onCore(queue("q")::size));
        sendNumbered("q", 200, 203, 4);
        consume("q", 100);
        awaitDelivered(3);
        assertEquals(numbers(200, 203), deliveredNumbers());
    }

    @Test
    void browser_seesTheMessagesInTheStoreOnly_inArrivalOrder() throws Exception {
        start();
        sendNumbered("q", 0, 40, 4);
        List<Integer> seen = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            long from = after;
            BrowseBatch page = BrowseBatch.read(new WireReader(onCore(() -> connection.browse(
                    new Browse(DestinationRef.queue("q"), null, from, 15)))));
            page.messages().forEach(m -> seen.add(number(m)));
            after = page.lastSequence();
            more = page.more();
        }
        assertEquals(numbers(0, 40), seen);
        assertEquals(40L, onCore(queue("q")::size), "browsing takes nothing");
    }

    @Test
    void moveMessages_takesThoseInTheStoreOnlyToo() throws Exception {
        start();
        sendNumbered("q", 0, 60, 4);
        CompletableFuture<Integer> moved = onCore(() -> broker.moveMessages("q", "other", null, 1000));
        assertEquals(60, moved.get(10, TimeUnit.SECONDS));
        assertEquals(0L, onCore(queue("q")::size));
        restart();
        consume("other", 1000);
        awaitDelivered(60);
        assertEquals(numbers(0, 60), deliveredNumbers());
    }

    @Test
    void durableSubscriptionWithABacklogBeyondTheWindow_getsEveryMessageOnceInOrder_alsoAfterARestart() throws Exception {
        start();
        broker.runOnCore(() -> connection.setClientId("pager"));
        subscribe(0);
        sendNumbered(DestinationRef.topic("prices"), 0, 60, 4);
        assertEquals(50L, onCore(() -> subscriptionQueue().storeOnly()));
        restart();
        assertEquals(50L, awaitCounted(this::subscriptionQueue, 50), "read 10, counted the rest");
        broker.runOnCore(() -> connection.setClientId("pager"));
        subscribe(1000);
        awaitDelivered(60);
        assertEquals(numbers(0, 60), deliveredNumbers());
    }

    @Test
    void messagesExpiringInTheStore_expireWhenReadBack_andTheOthersAreDelivered() throws Exception {
        start();
        long soon = System.currentTimeMillis() + 300;
        sendNumbered(DestinationRef.queue("q"), 0, 30, 4, soon);
        sendNumbered(DestinationRef.queue("q"), 100, 110, 4, 0);
        Thread.sleep(600);
        consume("q", 1000);
        awaitDelivered(10);
        assertEquals(numbers(100, 110), deliveredNumbers());
        assertEquals(30L, onCore(queue("ExpiryQueue")::size), "the expired ones went to the expiry queue");
    }

    private MessageQueue subscriptionQueue() {
        return broker.destinations().durableSubscription(Destinations.durableKey("pager", "pages")).queue();
    }

    @Test
    void delayedMessagesWaitingInTheStore_areDeliveredWhenTheirTimeComes_afterThoseReadyNow() throws Exception {
        start();
        long later = System.currentTimeMillis() + 1_500;
        sendNumbered(DestinationRef.queue("q"), 0, 30, 4, 0, later);
        sendNumbered(DestinationRef.queue("q"), 100, 110, 4, 0, 0);
        consume("q", 1000);
        awaitDelivered(10);
        assertEquals(numbers(100, 110), deliveredNumbers(), "nothing delayed goes early");
        awaitDelivered(40);
        assertEquals(40, delivered.size());
        assertTrue(System.currentTimeMillis() >= later);
        assertEquals(numbers(0, 30), deliveredNumbers().subList(10, 40));
    }

    private void subscribe(int credit) throws Exception {
        onCore(() -> connection.createConsumer(new ConsumerOpen(SESSION, 8, DestinationRef.topic("prices"), null, false,
                SubscriptionMode.DURABLE, "pages", credit))).get(10, TimeUnit.SECONDS);
    }

    private void start() throws Exception {
        var config = BrokerConfigParser.parse(List.of("--data", data.toString(), "--queue-window", String.valueOf(WINDOW)));
        broker = new Broker(config, new JdbcMessageStore(StoreLocation.of(config.effectiveStoreUrl(), null, null)));
        broker.start();
        connection = onCore(() -> broker.connect(new RecordingLink(), "c1", AccessCheck.ALLOW_ALL));
        broker.runOnCore(() -> connection.createSession(new SessionOpen(SESSION, AckMode.CLIENT)));
    }

    private void restart() throws Exception {
        stop();
        delivered.clear();
        start();
    }

    private MessageQueue queue(String name) throws Exception {
        return onCore(() -> broker.destinations().queue(name));
    }

    private void sendNumbered(String queue, int from, int to, int priority) throws Exception {
        sendNumbered(DestinationRef.queue(queue), from, to, priority, 0);
    }

    private void sendNumbered(DestinationRef to, int from, int until, int priority) throws Exception {
        sendNumbered(to, from, until, priority, 0);
    }

    private void sendNumbered(DestinationRef to, int from, int until, int priority, long expiration) throws Exception {
        sendNumbered(to, from, until, priority, expiration, 0);
    }

    private void sendNumbered(DestinationRef to, int from, int until, int priority, long expiration, long deliveryTime)
            throws Exception {
        for (int i = from; i < until; i++) {
            WireMessage m = WireMessage.builder().messageId("ID:paged-" + i).destination(to)
                    .priority(priority).expiration(expiration).deliveryTime(deliveryTime).properties(Map.of("n", i))
                    .body(BodyType.TEXT, ("message " + i).getBytes(StandardCharsets.UTF_8)).build();
            onCore(() -> connection.send(SESSION, m, 200)).get(10, TimeUnit.SECONDS);
        }
    }

    private void consume(String queue, int credit) throws Exception {
        onCore(() -> connection.createConsumer(new ConsumerOpen(SESSION, 7, DestinationRef.queue(queue), null, false,
                SubscriptionMode.NONE, null, credit))).get(10, TimeUnit.SECONDS);
        broker.runOnCore(() -> { });
    }

    /** What a queue counts in the store only, once it reaches {@code expected} (or after 10 s). */
    private long awaitCounted(Supplier<MessageQueue> queue, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long counted = onCore(() -> queue.get().storeOnly());
        while (counted < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            counted = onCore(() -> queue.get().storeOnly());
        }
        return counted;
    }

    /** Reads back from the store run off the core thread: deliveries come over a little time. */
    private void awaitDelivered(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        broker.runOnCore(() -> { });
    }

    private void acknowledgeAll() throws Exception {
        long[] ids = delivered.stream().mapToLong(Delivery::deliveryId).toArray();
        onCore(() -> connection.acknowledge(new Ack(SESSION, ids))).get(10, TimeUnit.SECONDS);
    }

    private List<Integer> deliveredNumbers() {
        List<Integer> numbers = new ArrayList<>();
        delivered.forEach(d -> numbers.add(number(d.message())));
        return numbers;
    }

    private static int number(WireMessage m) {
        return ((Number) m.properties().get("n")).intValue();
    }

    private static List<Integer> numbers(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }

    private <T> T onCore(Supplier<T> call) {
        List<T> result = new ArrayList<>();
        broker.runOnCore(() -> result.add(call.get()));
        return result.get(0);
    }

    /** Keeps the deliveries a client would get. */
    private final class RecordingLink implements ClientLink {
        @Override
        public void send(Frame frame) {
            if (frame.type() == FrameType.DELIVER) {
                delivered.add(Delivery.read(new WireReader(frame.payload())));
            }
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:1";
        }
    }
}
