package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The product's key promise: a broker killed with SIGKILL and restarted on its data folder loses no
 * message whose send returned, and brings back no message whose acknowledgement or commit
 * returned. Every message carries a sequence number; each test counts them all.
 */
class CrashSafetyIT {
    private static final long WAIT = 15_000;
    private static final String SEQ = "seq";

    @TempDir
    Path dir;
    private BrokerProcess broker;
    private final List<Connection> connections = new ArrayList<>();
    private ExecutorService pool;

    @AfterEach
    void cleanUp() throws Exception {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // the broker may be gone
            }
        }
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Connection connect() throws JMSException {
        return connect(null);
    }

    private Connection connect(String clientId) throws JMSException {
        // failover off: these tests watch one broker die and restart, and count what each call said
        Connection c = new TandemConnectionFactory(broker.url() + "?reconnectTotalTime=0").createConnection();
        connections.add(c);
        if (clientId != null) {
            c.setClientID(clientId);
        }
        return c;
    }

    @Test
    void queue_killAfterPartialAcknowledgement_everyUnacknowledgedMessageComesBackOnce() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir);
        int n = 2000;
        Set<Integer> sent = sendConcurrently("crash-queue", false, 4, n / 4);
        assertEquals(n, sent.size());

        Set<Integer> acknowledged = new HashSet<>();
        Set<Integer> receivedNotAcknowledged = new HashSet<>();

        // AUTO: a message is acknowledged when receive returns it
        Connection auto = connect();
        Session autoSession = auto.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer autoConsumer = autoSession.createConsumer(autoSession.createQueue("crash-queue"));
        auto.start();
        for (int i = 0; i < 450; i++) {
            acknowledged.add(seqOf(autoConsumer.receive(WAIT)));
        }

        // CLIENT: acknowledged when acknowledge() returns; the last ones stay unacknowledged
        Connection client = connect();
        Session clientSession = client.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer clientConsumer = clientSession.createConsumer(clientSession.createQueue("crash-queue"));
        client.start();
        Set<Integer> sinceAck = new HashSet<>();
        Message last = null;
        for (int i = 0; i < 640; i++) {
            last = clientConsumer.receive(WAIT);
            sinceAck.add(seqOf(last));
            if (i % 50 == 49 && i < 600) {
                last.acknowledge();
                acknowledged.addAll(sinceAck);
                sinceAck.clear();
            }
        }
        receivedNotAcknowledged.addAll(sinceAck);
        assertEquals(1050, acknowledged.size());
        assertEquals(40, receivedNotAcknowledged.size());

        broker.kill();
        broker.restart();

        Set<Integer> expected = new HashSet<>(sent);
        expected.removeAll(acknowledged);
        Set<Integer> after = receiveExactly(queue("crash-queue"), expected.size(), Session.AUTO_ACKNOWLEDGE);
        assertEquals(expected, after, "after the crash: exactly the unacknowledged messages");
        assertTrue(after.containsAll(receivedNotAcknowledged));
    }

    @Test
    void transactedQueue_killAfterCommits_committedWorkStaysAndOpenWorkIsUndone() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir);
        int n = 600;
        Set<Integer> sent = sendConcurrently("crash-tx", false, 3, n / 3);

        // transacted sends: committed ones must survive, the open transaction must not
        Connection producer = connect();
        Session txSend = producer.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer p = txSend.createProducer(txSend.createQueue("crash-tx"));
        for (int i = 0; i < 100; i++) {
            p.send(numbered(txSend, 10_000 + i));
            if (i % 20 == 19) {
                txSend.commit();
                for (int j = i - 19; j <= i; j++) {
                    sent.add(10_000 + j);
                }
            }
        }
        for (int i = 100; i < 150; i++) {
            p.send(numbered(txSend, 10_000 + i)); // never committed
        }

        // transacted consumption: committed is consumed, the open transaction comes back
        Connection consumer = connect();
        Session txReceive = consumer.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer c = txReceive.createConsumer(txReceive.createQueue("crash-tx"));
        consumer.start();
        Set<Integer> committed = new HashSet<>();
        Set<Integer> inTransaction = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            inTransaction.add(seqOf(c.receive(WAIT)));
            if (i % 25 == 24) {
                txReceive.commit();
                committed.addAll(inTransaction);
                inTransaction.clear();
            }
        }
        // one rolled-back batch in between: it must come again, and then counts as received
        for (int i = 0; i < 30; i++) {
            inTransaction.add(seqOf(c.receive(WAIT)));
        }
        txReceive.rollback();
        Set<Integer> rolledBack = new HashSet<>(inTransaction);
        inTransaction.clear();
        for (int i = 0; i < 70; i++) {
            inTransaction.add(seqOf(c.receive(WAIT)));
        }
        assertEquals(300, committed.size());
        assertTrue(inTransaction.containsAll(rolledBack), "rolled-back messages come first again");

        broker.kill();
        broker.restart();

        Set<Integer> expected = new HashSet<>(sent);
        expected.removeAll(committed);
        Set<Integer> after = receiveExactly(queue("crash-tx"), expected.size(), Session.SESSION_TRANSACTED);
        assertEquals(expected, after, "committed consumption never comes back, uncommitted work does, open sends vanish");
        assertTrue(after.containsAll(inTransaction));
    }

    @Test
    void durableSubscription_killAfterPartialAcknowledgement_keepsEverySubscriptionExact() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir);
        String clientId = "crash-client";
        Connection subscriber = connect(clientId);
        Session s = subscriber.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic topic = s.createTopic("crash-topic");
        MessageConsumer busy = s.createDurableConsumer(topic, "busy");
        Session idleSession = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
        idleSession.createDurableConsumer(topic, "idle").close(); // subscribed, nobody consuming
        subscriber.start();

        int n = 900;
        Set<Integer> sent = sendConcurrently("crash-topic", true, 3, n / 3);

        Set<Integer> acknowledged = new HashSet<>();
        Set<Integer> sinceAck = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            Message m = busy.receive(WAIT);
            sinceAck.add(seqOf(m));
            if (i % 40 == 39 && i < 360) {
                m.acknowledge();
                acknowledged.addAll(sinceAck);
                sinceAck.clear();
            }
        }
        assertEquals(360, acknowledged.size());

        broker.kill();
        connections.remove(subscriber);
        subscriber.close();
        broker.restart();

        Connection again = connect(clientId);
        Session as = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = as.createTopic("crash-topic");
        again.start();
        Set<Integer> expectedBusy = new HashSet<>(sent);
        expectedBusy.removeAll(acknowledged);
        assertEquals(expectedBusy, receiveExactly(as.createDurableConsumer(t, "busy"), expectedBusy.size()),
                "the busy subscription: everything not acknowledged, once");
        assertEquals(sent, receiveExactly(as.createDurableConsumer(t, "idle"), sent.size()),
                "the idle subscription: everything, once");
    }

    @Test
    void killDuringSteadyTraffic_everyReturnedSendIsThereOnce() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir);
        int threads = 4;
        Set<Integer> returned = ConcurrentHashMap.newKeySet();
        Set<Integer> inDoubt = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(threads + 1);
        pool = Executors.newFixedThreadPool(threads + 1);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * 1_000_000;
            Connection c = connect();
            senders.add(pool.submit(() -> {
                Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = session.createProducer(session.createQueue("crash-stream"));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                ready.countDown();
                for (int i = 0; ; i++) {
                    int seq = base + i;
                    try {
                        p.send(numbered(session, seq));
                    } catch (JMSException e) {
                        inDoubt.add(seq); // may or may not be stored, never twice
                        return null;
                    }
                    returned.add(seq);
                    count.incrementAndGet();
                }
            }));
        }

        // a CLIENT_ACKNOWLEDGE consumer works alongside: acknowledged means gone for good
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> ackInDoubt = ConcurrentHashMap.newKeySet();
        Connection cc = connect();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Future<?> consumer = pool.submit(() -> {
            Session session = cc.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer mc = session.createConsumer(session.createQueue("crash-stream"));
            cc.start();
            ready.countDown();
            Set<Integer> batch = new HashSet<>();
            while (consuming.get()) {
                Message m;
                try {
                    m = mc.receive(200);
                } catch (JMSException e) {
                    return null; // the batch was not acknowledged: it must come again
                }
                if (m == null) {
                    continue;
                }
                batch.add(seqOf(m));
                if (batch.size() == 10) {
                    try {
                        m.acknowledge();
                    } catch (JMSException e) {
                        ackInDoubt.addAll(batch); // received by the application, acknowledgement unknown
                        return null;
                    }
                    acknowledged.addAll(batch);
                    batch.clear();
                }
            }
            return null;
        });

        assertTrue(ready.await(WAIT, TimeUnit.MILLISECONDS));
        long deadline = System.currentTimeMillis() + 60_000;
        while (count.get() < 1500 || acknowledged.size() < 200) {
            if (System.currentTimeMillis() > deadline) {
                fail("traffic too slow: " + count.get() + " sends, " + acknowledged.size() + " acknowledged");
            }
            Thread.sleep(20);
        }
        broker.kill();
        for (Future<?> f : senders) {
            f.get(WAIT, TimeUnit.MILLISECONDS);
        }
        consuming.set(false);
        consumer.get(WAIT, TimeUnit.MILLISECONDS);
        assertTrue(inDoubt.size() <= threads);
        Set<Integer> returnedBeforeKill = new HashSet<>(returned);

        broker.restart();
        List<Integer> after = new ArrayList<>();
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer mc = s.createConsumer(s.createQueue("crash-stream"));
        c.start();
        Set<Integer> missing = new HashSet<>(returnedBeforeKill);
        missing.removeAll(acknowledged);
        missing.removeAll(ackInDoubt);
        Set<Integer> afterSet = new HashSet<>();
        while (!afterSet.containsAll(missing)) {
            Message m = mc.receive(WAIT);
            assertNotNull(m, "missing after the crash: " + diff(missing, afterSet));
            int seq = seqOf(m);
            after.add(seq);
            afterSet.add(seq);
        }
        for (Message m = mc.receive(1000); m != null; m = mc.receive(1000)) {
            after.add(seqOf(m));
            afterSet.add(seqOf(m));
        }
        assertEquals(after.size(), afterSet.size(), "a message arrived twice");
        Set<Integer> acknowledgedAgain = new HashSet<>(afterSet);
        acknowledgedAgain.retainAll(acknowledged);
        assertEquals(Set.of(), acknowledgedAgain, "acknowledged messages came back");
        Set<Integer> unknown = new HashSet<>(afterSet);
        unknown.removeAll(returnedBeforeKill);
        unknown.removeAll(inDoubt);
        assertEquals(Set.of(), unknown, "messages nobody sent");
    }

    /**
     * A restart reads only a few columns of each waiting message and the headers when they are
     * needed: selectors, browsers and deliveries must still see every header and property.
     */
    @Test
    void headersPropertiesAndPriorities_areWholeAfterACrash_forSelectorsBrowsersAndConsumers() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir);
        try (Connection c = connect()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("crash-headers"));
            for (int i = 0; i < 40; i++) {
                Message m = numbered(s, i);
                m.setStringProperty("colour", i % 2 == 0 ? "red" : "blue");
                m.setJMSCorrelationID("corr-" + i);
                m.setJMSType("type-" + (i % 3));
                p.send(m, DeliveryMode.PERSISTENT, i < 20 ? 4 : 8, 0);
            }
        }
        broker.kill();
        broker.restart();

        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Queue queue = s.createQueue("crash-headers");
        int browsed = 0;
        var browsing = s.createBrowser(queue, "colour = 'blue'").getEnumeration();
        while (browsing.hasMoreElements()) {
            Message m = (Message) browsing.nextElement();
            assertEquals("blue", m.getStringProperty("colour"));
            browsed++;
        }
        assertEquals(20, browsed);

        MessageConsumer red = s.createConsumer(queue, "colour = 'red' AND JMSPriority = 8");
        c.start();
        List<Integer> redHigh = new ArrayList<>();
        for (Message m; (m = red.receive(2_000)) != null; ) {
            int seq = seqOf(m);
            assertEquals("corr-" + seq, m.getJMSCorrelationID());
            assertEquals("type-" + (seq % 3), m.getJMSType());
            assertEquals(8, m.getJMSPriority());
            redHigh.add(seq);
        }
        assertEquals(List.of(20, 22, 24, 26, 28, 30, 32, 34, 36, 38), redHigh);
        red.close();

        MessageConsumer rest = s.createConsumer(queue);
        List<Integer> order = new ArrayList<>();
        for (Message m; (m = rest.receive(2_000)) != null; ) {
            order.add(seqOf(m));
            assertEquals(order.get(order.size() - 1) % 2 == 0 ? "red" : "blue", m.getStringProperty("colour"));
        }
        List<Integer> expected = new ArrayList<>(List.of(21, 23, 25, 27, 29, 31, 33, 35, 37, 39));
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, order, "priority 8 first, then 4, each in sending order");
    }

    @Test
    void delayedAndExpiringMessages_keepTheirTimesAcrossACrash() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir);
        long delay = 4000;
        long ttl = 1500;
        long sentAt;
        try (Connection c = connect()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("crash-timed"));
            sentAt = System.currentTimeMillis();
            p.setDeliveryDelay(delay);
            for (int i = 0; i < 10; i++) {
                p.send(numbered(s, 100 + i));
            }
            p.setDeliveryDelay(0);
            p.setTimeToLive(ttl);
            for (int i = 0; i < 10; i++) {
                p.send(numbered(s, 200 + i));
            }
            p.setTimeToLive(0);
            for (int i = 0; i < 10; i++) {
                p.send(numbered(s, 300 + i));
            }
        }
        broker.kill();
        broker.restart();
        long untilExpired = sentAt + ttl + 200 - System.currentTimeMillis();
        if (untilExpired > 0) {
            Thread.sleep(untilExpired);
        }

        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue("crash-timed"));
        c.start();
        Set<Integer> plain = new HashSet<>();
        Set<Integer> delayed = new HashSet<>();
        while (plain.size() + delayed.size() < 20) {
            Message m = consumer.receive(WAIT);
            assertNotNull(m, "missing after the crash: plain " + plain + ", delayed " + delayed);
            int seq = seqOf(m);
            if (seq >= 300) {
                assertTrue(plain.add(seq));
            } else if (seq >= 100 && seq < 200) {
                assertTrue(System.currentTimeMillis() >= sentAt + delay, "a delayed message came before its time");
                assertTrue(delayed.add(seq));
            } else {
                fail("message " + seq + " was delivered after it expired");
            }
        }
        assertNull(consumer.receive(500));
        // the expired ones went to the expiry queue, not lost
        MessageConsumer expired = s.createConsumer(s.createQueue("ExpiryQueue"));
        assertEquals(Set.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 209), receiveExactly(expired, 10));
    }

    @Test
    void deliveryCountsAndDeadLetters_surviveACrash() throws Exception {
        broker = BrokerProcess.startOnConfiguredStore(dir, "--max-delivery-attempts", "3");
        try (Connection c = connect()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("crash-counted"));
            p.send(numbered(s, 1));
            p.send(numbered(s, 2));
        }
        Connection c = connect();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(tx.createQueue("crash-counted"));
        c.start();
        // message 1 is rolled back three times: dead-lettered; message 2 twice
        for (int round = 1; round <= 3; round++) {
            Set<Integer> got = new HashSet<>();
            got.add(seqOf(consumer.receive(WAIT)));
            if (round < 3) {
                got.add(seqOf(consumer.receive(WAIT)));
                assertEquals(Set.of(1, 2), got);
            } else {
                assertEquals(Set.of(1), got, "message 1 comes first");
            }
            tx.rollback();
        }
        broker.kill();
        broker.restart();

        Connection again = connect();
        Session s = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer original = s.createConsumer(s.createQueue("crash-counted"));
        MessageConsumer dlq = s.createConsumer(s.createQueue("DLQ"));
        again.start();
        Message two = original.receive(WAIT);
        assertEquals(2, seqOf(two));
        assertTrue(two.getJMSRedelivered(), "JMSRedelivered survives the crash");
        assertEquals(3, two.getIntProperty("JMSXDeliveryCount"), "its two deliveries were counted in the store");
        assertNull(original.receive(500), "the dead-lettered message stays out of its queue");
        Message one = dlq.receive(WAIT);
        assertEquals(1, seqOf(one), "the dead-lettered message is in the dead-letter queue after the crash");
        assertNull(dlq.receive(500));
    }

    // ---- helpers ----

    private Destination queue(String name) {
        return new io.tandemmq.client.TandemQueue(name);
    }

    private static Message numbered(Session s, int seq) throws JMSException {
        Message m = s.createTextMessage("message " + seq);
        m.setIntProperty(SEQ, seq);
        return m;
    }

    private static int seqOf(Message m) throws JMSException {
        assertNotNull(m, "a message is missing");
        return m.getIntProperty(SEQ);
    }

    private static Set<Integer> diff(Set<Integer> a, Set<Integer> b) {
        Set<Integer> d = new HashSet<>(a);
        d.removeAll(b);
        return d.size() > 20 ? Set.copyOf(new ArrayList<>(d).subList(0, 20)) : d;
    }

    /** Sends persistent numbered messages from several threads, each with its own connection; all must return. */
    private Set<Integer> sendConcurrently(String name, boolean topic, int threads, int perThread) throws Exception {
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(senders.submit(() -> {
                    try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer p = s.createProducer(topic ? s.createTopic(name) : s.createQueue(name));
                        p.setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (int i = 0; i < perThread; i++) {
                            p.send(numbered(s, base + i));
                            sent.add(base + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        return new HashSet<>(sent);
    }

    /** Receives {@code count} messages from a new connection, then checks that no more come. */
    private Set<Integer> receiveExactly(Destination d, int count, int mode) throws Exception {
        Connection c = connect();
        Session s = c.createSession(mode == Session.SESSION_TRANSACTED, mode);
        c.start();
        Set<Integer> got = receiveExactly(s.createConsumer(d), count);
        if (mode == Session.SESSION_TRANSACTED) {
            s.commit();
        }
        return got;
    }

    private static Set<Integer> receiveExactly(MessageConsumer consumer, int count) throws JMSException {
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Message m = consumer.receive(WAIT);
            assertNotNull(m, "only " + got.size() + " of " + count + " messages arrived");
            int seq = seqOf(m);
            assertTrue(got.add(seq), "message " + seq + " arrived twice");
        }
        Message extra = consumer.receive(1000);
        assertNull(extra, () -> "an extra message arrived: " + describe(extra));
        return got;
    }

    private static String describe(Message m) {
        try {
            return "seq " + m.getIntProperty(SEQ) + (m.getJMSRedelivered() ? " (redelivered)" : "");
        } catch (JMSException e) {
            return String.valueOf(m);
        }
    }
}
