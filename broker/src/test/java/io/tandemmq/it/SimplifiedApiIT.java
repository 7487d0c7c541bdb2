package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemQueue;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simplified API (JMSContext, JMSProducer, JMSConsumer) against a real broker process. */
class SimplifiedApiIT {
    private static final long WAIT = 10_000;

    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static TandemConnectionFactory cf;

    private String name;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(dir);
        cf = new TandemConnectionFactory(broker.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        name = "simple-" + info.getTestMethod().orElseThrow().getName();
    }

    /** A serializable body type only the test knows. */
    record Order(String item, int quantity) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void queue_sendAndReceive() {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            ctx.createProducer().send(q, "one").send(q, "two");
            JMSConsumer c = ctx.createConsumer(q);
            assertEquals("one", c.receiveBody(String.class, WAIT));
            assertEquals("two", c.receiveBody(String.class, WAIT));
            assertNull(c.receiveNoWait());
        }
    }

    @Test
    void topic_everySubscriberGetsEachMessage() {
        try (JMSContext ctx = cf.createContext(); JMSContext other = ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Topic t = ctx.createTopic(name);
            JMSConsumer a = ctx.createConsumer(t);
            JMSConsumer b = other.createConsumer(t);
            JMSProducer p = ctx.createProducer();
            for (int i = 0; i < 5; i++) {
                p.send(t, "m" + i);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, a.receiveBody(String.class, WAIT));
                assertEquals("m" + i, b.receiveBody(String.class, WAIT));
            }
            assertNull(a.receiveNoWait());
            assertNull(b.receiveNoWait());
        }
    }

    @Test
    void receiveBody_ofEveryBodyType() {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            JMSProducer p = ctx.createProducer();
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("s", "text");
            map.put("i", 42);
            map.put("d", 2.5d);
            map.put("b", true);
            map.put("bytes", new byte[] {1, 2, 3});
            byte[] bytes = new byte[70_000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 31);
            }
            Order order = new Order("pencils", 12);
            p.send(q, "héllo wörld").send(q, map).send(q, bytes).send(q, order);

            JMSConsumer c = ctx.createConsumer(q);
            assertEquals("héllo wörld", c.receiveBody(String.class, WAIT));
            @SuppressWarnings("unchecked")
            Map<String, Object> gotMap = c.receiveBody(Map.class, WAIT);
            assertEquals(Set.of("s", "i", "d", "b", "bytes"), gotMap.keySet());
            assertEquals("text", gotMap.get("s"));
            assertEquals(42, gotMap.get("i"));
            assertEquals(2.5d, gotMap.get("d"));
            assertEquals(true, gotMap.get("b"));
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) gotMap.get("bytes"));
            assertArrayEquals(bytes, c.receiveBody(byte[].class, WAIT));
            assertEquals(order, c.receiveBody(Serializable.class, WAIT));
            assertNull(c.receiveNoWait());
        }
    }

    /**
     * Jakarta Messaging 3.1, 8.6: in AUTO and DUPS_OK mode the provider behaves as if the failed
     * receiveBody had not happened; the message comes next, and it is not a redelivery.
     */
    @ParameterizedTest
    @ValueSource(ints = {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE})
    void receiveBody_ofWrongType_throws_andTheMessageComesNextAsIfNotReceived(int mode) throws Exception {
        try (JMSContext ctx = cf.createContext(mode)) {
            Queue q = ctx.createQueue(name);
            ctx.createProducer().send(q, "not a number").send(q, "second");
            JMSConsumer c = ctx.createConsumer(q);
            assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Integer.class, WAIT));
            assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(byte[].class, WAIT));
            Message again = c.receive(WAIT);
            assertNotNull(again, "the message refused by receiveBody must be delivered again");
            assertEquals("not a number", again.getBody(String.class), "before any later message");
            assertFalse(again.getJMSRedelivered());
            assertEquals(1, again.getIntProperty("JMSXDeliveryCount"));
            assertEquals("second", c.receiveBody(String.class, WAIT));
            assertNull(c.receiveNoWait(), "received once with the right type, it is acknowledged");
        }
        try (JMSContext ctx = cf.createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue(name)).receive(300));
        }
    }

    @Test
    void receiveBody_ofABareMessageOrAStreamMessage_throwsAndTheMessageComesAgain() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            Message bare = ctx.createMessage();
            bare.setStringProperty("kind", "bare");
            jakarta.jms.StreamMessage stream = ctx.createStreamMessage();
            stream.writeString("in a stream");
            ctx.createProducer().send(q, bare).send(q, stream);
            JMSConsumer c = ctx.createConsumer(q);
            // a bare Message has no body to return: null would look like "no message" and lose it
            assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Object.class, WAIT));
            Message again = c.receive(WAIT);
            assertNotNull(again);
            assertEquals("bare", again.getStringProperty("kind"));
            assertFalse(again.getJMSRedelivered());
            assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Object.class, WAIT));
            Message streamAgain = c.receive(WAIT);
            assertInstanceOf(jakarta.jms.StreamMessage.class, streamAgain);
            assertEquals("in a stream", ((jakarta.jms.StreamMessage) streamAgain).readString());
            assertNull(c.receive(300));
        }
    }

    @Test
    void receiveBody_ofWrongType_inClientAcknowledgeMode_countsAsDeliveredButNotAcknowledged() {
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue(name), "a").send(ctx.createQueue(name), "b");
        }
        try (JMSContext ctx = cf.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer c = ctx.createConsumer(ctx.createQueue(name));
            assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Integer.class, WAIT));
            assertEquals("b", c.receiveBody(String.class, WAIT), "the refused message is not delivered again");
            // closed without acknowledge: both come back
        }
        try (JMSContext ctx = cf.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer c = ctx.createConsumer(ctx.createQueue(name));
            assertEquals("a", c.receiveBody(String.class, WAIT));
            assertEquals("b", c.receiveBody(String.class, WAIT));
            ctx.acknowledge();
        }
        try (JMSContext ctx = cf.createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue(name)).receive(300));
        }
    }

    @Test
    void producer_propertiesAndHeaders() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            Queue replyTo = ctx.createQueue(name + "-reply");
            JMSProducer p = ctx.createProducer()
                    .setProperty("bool", true)
                    .setProperty("byte", (byte) 7)
                    .setProperty("short", (short) 300)
                    .setProperty("int", 70_000)
                    .setProperty("long", 1L << 40)
                    .setProperty("float", 1.5f)
                    .setProperty("double", 3.25d)
                    .setProperty("string", "value")
                    .setJMSCorrelationID("corr-1")
                    .setJMSType("order")
                    .setJMSReplyTo(replyTo)
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setPriority(7);
            assertEquals(Set.of("bool", "byte", "short", "int", "long", "float", "double", "string"),
                    p.getPropertyNames());
            p.send(q, "with headers");

            Message m = ctx.createConsumer(q).receive(WAIT);
            assertNotNull(m);
            assertTrue(m.getBooleanProperty("bool"));
            assertEquals((byte) 7, m.getByteProperty("byte"));
            assertEquals((short) 300, m.getShortProperty("short"));
            assertEquals(70_000, m.getIntProperty("int"));
            assertEquals(1L << 40, m.getLongProperty("long"));
            assertEquals(1.5f, m.getFloatProperty("float"));
            assertEquals(3.25d, m.getDoubleProperty("double"));
            assertEquals("value", m.getStringProperty("string"));
            assertEquals("70000", m.getStringProperty("int"), "property conversions apply");
            assertEquals("corr-1", m.getJMSCorrelationID());
            assertEquals("order", m.getJMSType());
            assertEquals(replyTo, m.getJMSReplyTo());
            assertEquals(q, m.getJMSDestination());
            assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
            assertEquals(7, m.getJMSPriority());
            assertNotNull(m.getJMSMessageID());
            assertTrue(m.getJMSMessageID().startsWith("ID:"));
            assertTrue(m.getJMSTimestamp() > 0);
            assertEquals(0, m.getJMSExpiration());
            assertFalse(m.getJMSRedelivered());
            assertEquals("with headers", m.getBody(String.class));
        }
    }

    @Test
    void producer_priorityOrdersWaitingMessages() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            JMSProducer p = ctx.createProducer();
            int[] priorities = {1, 9, 4, 0, 9, 6};
            for (int i = 0; i < priorities.length; i++) {
                p.setPriority(priorities[i]).send(q, "p" + priorities[i] + "-" + i);
            }
            List<String> got = new ArrayList<>();
            JMSConsumer c = ctx.createConsumer(q);
            for (int i = 0; i < priorities.length; i++) {
                Message m = c.receive(WAIT);
                assertNotNull(m);
                got.add(m.getBody(String.class));
            }
            assertEquals(List.of("p9-1", "p9-4", "p6-5", "p4-2", "p1-0", "p0-3"), got);
        }
    }

    @Test
    void producer_timeToLive_expiredMessageIsNotDelivered() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            JMSProducer p = ctx.createProducer();
            long before = System.currentTimeMillis();
            p.setTimeToLive(200).send(q, "short-lived");
            p.setTimeToLive(0).send(q, "forever");
            Thread.sleep(600);
            JMSConsumer c = ctx.createConsumer(q);
            Message m = c.receive(WAIT);
            assertNotNull(m);
            assertEquals("forever", m.getBody(String.class));
            assertEquals(0, m.getJMSExpiration());
            assertNull(c.receive(300), "the expired message must not be delivered");

            p.setTimeToLive(60_000).send(q, "long-lived");
            Message lived = c.receive(WAIT);
            assertNotNull(lived);
            assertTrue(lived.getJMSExpiration() >= before + 60_000, "JMSExpiration is send time + time to live");
        }
    }

    @Test
    void producer_deliveryDelay_holdsTheMessageBack() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            JMSConsumer c = ctx.createConsumer(q);
            long sent = System.currentTimeMillis();
            ctx.createProducer().setDeliveryDelay(1500).send(q, "later");
            ctx.createProducer().send(q, "now");
            Message first = c.receive(WAIT);
            assertNotNull(first);
            assertEquals("now", first.getBody(String.class), "a delayed message is overtaken by an undelayed one");
            Message later = c.receive(WAIT);
            long arrived = System.currentTimeMillis();
            assertNotNull(later);
            assertEquals("later", later.getBody(String.class));
            assertTrue(arrived - sent >= 1500, "delivered after " + (arrived - sent) + " ms, before its delay of 1500 ms");
            assertTrue(later.getJMSDeliveryTime() >= sent + 1500);
        }
    }

    @Test
    void producer_asyncSend_callsTheCompletionListenerForEachMessage() throws Exception {
        int n = 50;
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            CountDownLatch done = new CountDownLatch(n);
            List<String> completed = new CopyOnWriteArrayList<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            JMSProducer p = ctx.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        completed.add(message.getBody(String.class));
                    } catch (Exception e) {
                        failure.set(e);
                    }
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failure.set(exception);
                    done.countDown();
                }
            });
            for (int i = 0; i < n; i++) {
                p.send(q, "async-" + i);
            }
            assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
            assertNull(failure.get());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add("async-" + i);
            }
            assertEquals(expected, completed, "completion listeners run in send order, once each");

            JMSConsumer c = ctx.createConsumer(q);
            for (int i = 0; i < n; i++) {
                assertEquals("async-" + i, c.receiveBody(String.class, WAIT));
            }
            assertNull(c.receiveNoWait());
        }
    }

    @Test
    void completionListener_mayStopItsOwnContext_aMessageListenerMayNot() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            CompletableFuture<Exception> fromCompletion = new CompletableFuture<>();
            ctx.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        ctx.stop();
                        fromCompletion.complete(null);
                    } catch (RuntimeException e) {
                        fromCompletion.complete(e);
                    }
                }

                @Override
                public void onException(Message message, Exception exception) {
                    fromCompletion.complete(exception);
                }
            }).send(q, "stop me");
            assertNull(fromCompletion.get(WAIT, TimeUnit.MILLISECONDS), "stop() from a completion listener works");

            CompletableFuture<Exception> fromListener = new CompletableFuture<>();
            ctx.createConsumer(q).setMessageListener(m -> {
                try {
                    ctx.stop();
                    fromListener.complete(null);
                } catch (RuntimeException e) {
                    fromListener.complete(e);
                }
            });
            ctx.start();
            assertInstanceOf(jakarta.jms.IllegalStateRuntimeException.class, fromListener.get(WAIT, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void close_waitsForEveryCompletionListener() throws Exception {
        int n = 100;
        List<String> completed = new CopyOnWriteArrayList<>();
        JMSContext ctx = cf.createContext();
        Queue q = ctx.createQueue(name);
        JMSProducer p = ctx.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.add("ok");
            }

            @Override
            public void onException(Message message, Exception exception) {
                completed.add("failed: " + exception);
            }
        });
        for (int i = 0; i < n; i++) {
            p.send(q, "c" + i);
        }
        ctx.close();
        assertEquals(n, completed.size(), "close returns after every completion listener ran");
        assertEquals(Set.of("ok"), new HashSet<>(completed));
        try (JMSContext check = cf.createContext()) {
            JMSConsumer c = check.createConsumer(q);
            for (int i = 0; i < n; i++) {
                assertEquals("c" + i, c.receiveBody(String.class, WAIT));
            }
        }
    }

    @Test
    void producer_asyncSend_reportsABrokerRefusalToOnException() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Exception> failure = new AtomicReference<>();
            ctx.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failure.set(exception);
                    done.countDown();
                }
            }).send(new TandemQueue("bad*name"), "refused");
            assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
            assertInstanceOf(InvalidDestinationException.class, failure.get());
        }
    }

    @Test
    void createContext_sharesTheConnection_andTheLastCloseClosesIt() {
        String clientId = name + "-client";
        JMSContext first = cf.createContext();
        first.setClientID(clientId);
        JMSContext second = first.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        assertEquals(clientId, second.getClientID(), "the second context uses the same connection");
        Queue q = first.createQueue(name);
        first.createProducer().send(q, "from first");
        first.close();
        assertThrows(IllegalStateRuntimeException.class, () -> first.createProducer());

        // the connection is still open: its client id is still taken
        try (JMSContext third = cf.createContext()) {
            assertThrows(InvalidClientIDRuntimeException.class, () -> third.setClientID(clientId));
        }
        JMSConsumer c = second.createConsumer(q);
        assertEquals("from first", c.receiveBody(String.class, WAIT));
        second.createProducer().send(q, "from second");
        assertEquals("from second", c.receiveBody(String.class, WAIT));
        second.close();

        // now the connection is closed and the client id free again
        try (JMSContext fourth = cf.createContext()) {
            fourth.setClientID(clientId);
            assertEquals(clientId, fourth.getClientID());
        }
    }

    @Test
    void transactedContext_commitAndRollback() throws Exception {
        try (JMSContext tx = cf.createContext(JMSContext.SESSION_TRANSACTED);
             JMSContext observer = cf.createContext()) {
            assertTrue(tx.getTransacted());
            Queue q = tx.createQueue(name);
            JMSConsumer watch = observer.createConsumer(q);
            JMSProducer p = tx.createProducer();
            p.send(q, "a").send(q, "b");
            assertNull(watch.receive(300), "uncommitted sends are invisible");
            tx.rollback();
            assertNull(watch.receive(300), "rolled-back sends never arrive");
            p.send(q, "c").send(q, "d");
            tx.commit();
            assertEquals("c", watch.receiveBody(String.class, WAIT));
            assertEquals("d", watch.receiveBody(String.class, WAIT));
            watch.close();

            // consumption: rolled back comes again, committed does not
            observer.createProducer().send(q, "e").send(q, "f");
            JMSConsumer c = tx.createConsumer(q);
            assertEquals("e", c.receiveBody(String.class, WAIT));
            assertEquals("f", c.receiveBody(String.class, WAIT));
            tx.rollback();
            Message e = c.receive(WAIT);
            Message f = c.receive(WAIT);
            assertEquals("e", e.getBody(String.class));
            assertEquals("f", f.getBody(String.class));
            assertTrue(e.getJMSRedelivered());
            assertTrue(f.getJMSRedelivered());
            tx.commit();
            assertNull(c.receive(300));
        }
        try (JMSContext ctx = cf.createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue(name)).receive(300), "committed consumption is final");
        }
    }

    @Test
    void clientAcknowledgeContext_acknowledgeCoversEverythingConsumed() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            JMSProducer p = ctx.createProducer();
            for (int i = 0; i < 5; i++) {
                p.send(q, "m" + i);
            }
        }
        try (JMSContext ctx = cf.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer c = ctx.createConsumer(ctx.createQueue(name));
            for (int i = 0; i < 3; i++) {
                assertEquals("m" + i, c.receiveBody(String.class, WAIT));
            }
            ctx.acknowledge();
            assertEquals("m3", c.receiveBody(String.class, WAIT));
            assertEquals("m4", c.receiveBody(String.class, WAIT));
            // closed without acknowledging m3 and m4
        }
        try (JMSContext ctx = cf.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer c = ctx.createConsumer(ctx.createQueue(name));
            Message m3 = c.receive(WAIT);
            Message m4 = c.receive(WAIT);
            assertEquals("m3", m3.getBody(String.class));
            assertEquals("m4", m4.getBody(String.class));
            assertTrue(m3.getJMSRedelivered());
            assertNull(c.receive(300), "acknowledged messages never come back");
            ctx.acknowledge();
        }
        try (JMSContext ctx = cf.createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue(name)).receive(300));
        }
    }

    @Test
    void autoStartOff_nothingIsDeliveredUntilStart() {
        try (JMSContext ctx = cf.createContext(); JMSContext sender = cf.createContext()) {
            ctx.setAutoStart(false);
            assertFalse(ctx.getAutoStart());
            Queue q = ctx.createQueue(name);
            JMSConsumer c = ctx.createConsumer(q);
            sender.createProducer().send(q, "waiting");
            assertNull(c.receive(500), "the connection is stopped");
            assertNull(c.receiveNoWait());
            ctx.start();
            assertEquals("waiting", c.receiveBody(String.class, WAIT));
        }
    }

    @Test
    void setClientID_afterUse_isRefused() {
        try (JMSContext ctx = cf.createContext()) {
            ctx.createConsumer(ctx.createQueue(name));
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID(name));
        }
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue(name), "x");
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID(name));
        }
        try (JMSContext ctx = cf.createContext()) {
            ctx.setClientID(name);
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID(name + "-again"));
        }
    }

    @Test
    void close_isNotReportedToTheExceptionListener() throws Exception {
        List<Exception> reported = new CopyOnWriteArrayList<>();
        // the broker closes its end right after answering CLOSE; repeat to meet every interleaving
        for (int i = 0; i < 30; i++) {
            JMSContext ctx = cf.createContext();
            ctx.setExceptionListener(reported::add);
            Queue q = ctx.createQueue(name);
            ctx.createProducer().send(q, "x" + i);
            assertEquals("x" + i, ctx.createConsumer(q).receiveBody(String.class, WAIT));
            ctx.close();
        }
        Thread.sleep(300);
        assertEquals(List.of(), reported, "a connection closed by its owner was not lost");
    }

    @Test
    void closedContext_refusesEverything() {
        JMSContext ctx = cf.createContext();
        Queue q = ctx.createQueue(name);
        ctx.close();
        ctx.close(); // closing twice is allowed
        List<Executable> calls = List.of(
                () -> ctx.createProducer(),
                () -> ctx.createConsumer(q),
                () -> ctx.createTextMessage("x"),
                () -> ctx.createQueue("other"),
                () -> ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE),
                () -> ctx.getClientID(),
                () -> ctx.setClientID("late"),
                () -> ctx.start(),
                () -> ctx.stop(),
                () -> ctx.commit(),
                () -> ctx.acknowledge(),
                () -> ctx.getSessionMode(),
                () -> ctx.createTemporaryQueue(),
                () -> ctx.createBrowser(q));
        for (Executable call : calls) {
            assertThrows(IllegalStateRuntimeException.class, call::run);
        }
    }

    /** A {@code Runnable} that may throw, for the list above. */
    interface Executable {
        void run() throws Exception;
    }

    @Test
    void messageListenerOnJMSConsumer_getsEveryMessageOnceInOrder() throws Exception {
        int n = 30;
        try (JMSContext ctx = cf.createContext(); JMSContext sender = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(n);
            JMSConsumer c = ctx.createConsumer(q);
            c.setMessageListener(m -> {
                try {
                    got.add(m.getBody(String.class));
                } catch (Exception e) {
                    got.add("error: " + e);
                }
                all.countDown();
            });
            JMSProducer p = sender.createProducer();
            for (int i = 0; i < n; i++) {
                p.send(q, "l" + i);
            }
            assertTrue(all.await(WAIT, TimeUnit.MILLISECONDS));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add("l" + i);
            }
            Thread.sleep(200);
            assertEquals(expected, got);
            assertThrows(IllegalStateRuntimeException.class, () -> c.receive(10),
                    "receive is not allowed while a listener is set");
            c.close();
        }
        try (JMSContext ctx = cf.createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue(name)).receive(300), "the listener's messages were acknowledged");
        }
    }

    @Test
    void messageListener_thatThrows_getsTheMessageAgain_andMayNotCloseOrStopItsOwnContext() throws Exception {
        try (JMSContext ctx = cf.createContext(); JMSContext sender = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            List<String> seen = new CopyOnWriteArrayList<>();
            List<String> refused = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            JMSConsumer c = ctx.createConsumer(q);
            c.setMessageListener(m -> {
                try {
                    String body = m.getBody(String.class);
                    seen.add(body + (m.getJMSRedelivered() ? "/again" : ""));
                    if (body.equals("first") && !m.getJMSRedelivered()) {
                        try {
                            ctx.close();
                        } catch (IllegalStateRuntimeException e) {
                            refused.add("close");
                        }
                        try {
                            ctx.stop();
                        } catch (IllegalStateRuntimeException e) {
                            refused.add("stop");
                        }
                        throw new RuntimeException("the application failed");
                    }
                    if (body.equals("second")) {
                        done.countDown();
                    }
                } catch (jakarta.jms.JMSException e) {
                    seen.add("error " + e);
                }
            });
            sender.createProducer().send(q, "first").send(q, "second");
            assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
            assertEquals(List.of("first", "first/again", "second"), seen,
                    "a message whose listener threw comes again at once, before the next one");
            assertEquals(List.of("close", "stop"), refused);
        }
    }

    @Test
    void stoppedContext_holdsListenerDeliveryUntilStart() throws Exception {
        try (JMSContext ctx = cf.createContext(); JMSContext sender = cf.createContext()) {
            Queue q = ctx.createQueue(name);
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch two = new CountDownLatch(2);
            ctx.createConsumer(q).setMessageListener(m -> {
                try {
                    got.add(m.getBody(String.class));
                } catch (jakarta.jms.JMSException e) {
                    got.add("error " + e);
                }
                two.countDown();
            });
            sender.createProducer().send(q, "one");
            long deadline = System.currentTimeMillis() + WAIT;
            while (got.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("one"), got);
            ctx.stop();
            sender.createProducer().send(q, "two");
            Thread.sleep(500);
            assertEquals(List.of("one"), got, "no delivery while stopped");
            ctx.start();
            assertTrue(two.await(WAIT, TimeUnit.MILLISECONDS));
            assertEquals(List.of("one", "two"), got);
        }
    }

    @Test
    void sharedDurableConsumer_viaContexts_splitsMessagesAndKeepsThemWhileAway() throws Exception {
        int n = 40;
        String sub = name + "-sub";
        try (JMSContext a = cf.createContext(); JMSContext b = cf.createContext(); JMSContext sender = cf.createContext()) {
            Topic t = a.createTopic(name);
            JMSConsumer ca = a.createSharedDurableConsumer(t, sub);
            JMSConsumer cb = b.createSharedDurableConsumer(t, sub);
            JMSProducer p = sender.createProducer();
            for (int i = 0; i < n; i++) {
                p.send(t, "s" + i);
            }
            Set<String> got = ConcurrentHashMap.newKeySet();
            int fromA = drain(ca, got);
            int fromB = drain(cb, got);
            assertEquals(n, fromA + fromB, "each message goes to exactly one consumer of the shared subscription");
            assertEquals(n, got.size());
            ca.close();
            cb.close();
            // the subscription keeps messages while nobody consumes
            for (int i = 0; i < 5; i++) {
                p.send(t, "later" + i);
            }
        }
        try (JMSContext ctx = cf.createContext()) {
            JMSConsumer c = ctx.createSharedDurableConsumer(ctx.createTopic(name), sub);
            Set<String> later = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                later.add(c.receiveBody(String.class, WAIT));
            }
            assertEquals(new HashSet<>(Arrays.asList("later0", "later1", "later2", "later3", "later4")), later);
            assertNull(c.receive(300));
            c.close();
            ctx.unsubscribe(sub);
        }
    }

    /** Receives until a short silence; returns how many came. */
    private static int drain(JMSConsumer c, Set<String> into) {
        int count = 0;
        while (true) {
            String body = c.receiveBody(String.class, 1000);
            if (body == null) {
                return count;
            }
            assertTrue(into.add(body), "duplicate " + body);
            count++;
        }
    }
}
