package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tandemmq.it.Jms.expect;
import static io.tandemmq.it.Jms.expectNothing;
import static io.tandemmq.it.Jms.expectText;
import static io.tandemmq.it.Jms.expectTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Point-to-point basics: delivery modes, order, priority, competing consumers, receive variants. */
class QueueIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void persistentAndNonPersistentMessages_areEachReceivedOnce_withTheirDeliveryMode() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("persistent"), DeliveryMode.PERSISTENT, 4, 0);
        p.send(s.createTextMessage("non-persistent"), DeliveryMode.NON_PERSISTENT, 4, 0);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();

        TextMessage first = (TextMessage) expect(consumer);
        TextMessage second = (TextMessage) expect(consumer);

        assertEquals("persistent", first.getText());
        assertEquals(DeliveryMode.PERSISTENT, first.getJMSDeliveryMode());
        assertEquals("non-persistent", second.getText());
        assertEquals(DeliveryMode.NON_PERSISTENT, second.getJMSDeliveryMode());
        assertEquals(q, first.getJMSDestination());
        assertNotNull(first.getJMSMessageID());
        assertTrue(first.getJMSMessageID().startsWith("ID:"), first.getJMSMessageID());
        expectNothing(consumer);
    }

    @Test
    void messagesOfOnePriority_arriveInTheOrderTheyWereSent() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        List<String> sent = new ArrayList<>();
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 50; i++) {
            String text = "m" + i;
            p.setDeliveryMode(i % 3 == 0 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage(text));
            sent.add(text);
        }

        assertEquals(sent, expectTexts(consumer, 50));
        expectNothing(consumer);
    }

    @Test
    void higherPriorityMessages_areDeliveredFirst_whenTheyWaitBeforeTheConsumerStarts() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        int[] priorities = {1, 9, 4, 9, 0, 4, 7, 1};
        for (int i = 0; i < priorities.length; i++) {
            p.send(s.createTextMessage(priorities[i] + "-" + i), DeliveryMode.PERSISTENT, priorities[i], 0);
        }
        MessageConsumer consumer = s.createConsumer(q);
        c.start();

        List<String> got = new ArrayList<>();
        List<Integer> gotPriorities = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            Message m = expect(consumer);
            got.add(((TextMessage) m).getText());
            gotPriorities.add(m.getJMSPriority());
        }

        assertEquals(List.of("9-1", "9-3", "7-6", "4-2", "4-5", "1-0", "1-7", "0-4"), got);
        assertEquals(List.of(9, 9, 7, 4, 4, 1, 1, 0), gotPriorities);
    }

    @Test
    void twoConsumersOnOneQueue_shareTheMessages_withoutDuplicates() throws Exception {
        Connection c = BROKER.connect("prefetch=1");
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s1.createQueue(BROKER.name("q"));
        MessageConsumer a = s1.createConsumer(q);
        MessageConsumer b = s2.createConsumer(q);
        c.start();
        Jms.sendTexts(s1, q, texts(20));

        List<String> gotA = new ArrayList<>();
        List<String> gotB = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gotA.add(expectText(a));
            gotB.add(expectText(b));
        }

        Set<String> all = new HashSet<>(gotA);
        all.addAll(gotB);
        assertEquals(Set.of(texts(20)), all, "every message reached one consumer");
        assertEquals(10, gotA.size());
        assertEquals(10, gotB.size());
        expectNothing(a);
        expectNothing(b);
    }

    @Test
    void messagesBufferedByAClosedConsumer_goToTheNextConsumer_notMarkedRedelivered() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, "a", "b", "c");
        MessageConsumer first = s.createConsumer(q);
        c.start();
        assertEquals("a", expectText(first));
        first.close();

        MessageConsumer second = s.createConsumer(q);
        Message b = expect(second);
        Message cc = expect(second);

        assertEquals(List.of("b", "c"), List.of(((TextMessage) b).getText(), ((TextMessage) cc).getText()));
        assertFalse(b.getJMSRedelivered(), "the application never saw b before");
        assertEquals(1, b.getIntProperty("JMSXDeliveryCount"));
        expectNothing(second);
    }

    @Test
    void receiveNoWait_returnsAWaitingMessage_andNullWhenNoneWaits() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertNull(consumer.receiveNoWait());

        Jms.sendTexts(s, q, "waiting");

        Message m = consumer.receiveNoWait();
        assertNotNull(m, "receiveNoWait returned the message that was waiting");
        assertEquals("waiting", ((TextMessage) m).getText());
        assertNull(consumer.receiveNoWait());
    }

    @Test
    void receiveNoWait_fetchesAMessageSentBeforeTheConsumerWasCreated() throws Exception {
        Connection c = BROKER.connect("prefetch=1");
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, "one", "two");
        MessageConsumer consumer = s.createConsumer(q);
        c.start();

        Message first = consumer.receiveNoWait();
        Message second = consumer.receiveNoWait();

        assertNotNull(first);
        assertNotNull(second);
        assertEquals("one", ((TextMessage) first).getText());
        assertEquals("two", ((TextMessage) second).getText());
    }

    @Test
    void receiveWithoutTimeout_waitsForAMessageSentLater() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        c.start();

        CompletableFuture<Message> received = receiveInThread(consumer, 0);
        Session sender = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Jms.sendTexts(sender, q, "late");

        assertEquals("late", ((TextMessage) received.get(10, TimeUnit.SECONDS)).getText());
    }

    @Test
    void blockedReceive_returnsNull_whenTheConsumerIsClosedFromAnotherThread() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(BROKER.name("q")));
        c.start();

        CompletableFuture<Message> received = receiveInThread(consumer, 0);
        consumer.close();

        assertNull(received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void blockedReceive_returnsNull_whenTheSessionIsClosedFromAnotherThread() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(BROKER.name("q")));
        c.start();

        CompletableFuture<Message> received = receiveInThread(consumer, 0);
        s.close();

        assertNull(received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void blockedReceive_returnsNull_whenTheConnectionIsClosedFromAnotherThread() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(BROKER.name("q")));
        c.start();

        CompletableFuture<Message> received = receiveInThread(consumer, 60_000);
        c.close();

        assertNull(received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void stoppedConnection_deliversNothing_untilItIsStarted() throws Exception {
        Connection consuming = BROKER.connect();
        Session s = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        Connection sending = BROKER.connect();
        Session ss = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);

        Jms.sendTexts(ss, q, "first");
        assertNull(consumer.receive(Jms.ABSENT), "a connection starts stopped");
        consuming.start();
        assertEquals("first", expectText(consumer));

        consuming.stop();
        Jms.sendTexts(ss, q, "second");
        assertNull(consumer.receive(Jms.ABSENT), "a stopped connection delivers nothing");
        consuming.start();
        assertEquals("second", expectText(consumer));
    }

    /** Runs receive on a new thread and returns once that thread is blocked waiting inside it. */
    private static CompletableFuture<Message> receiveInThread(MessageConsumer consumer, long timeout)
            throws InterruptedException {
        CompletableFuture<Message> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(consumer.receive(timeout));
            } catch (JMSException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "blocked-receive");
        t.setDaemon(true);
        t.start();
        while (t.isAlive() && t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(10);
        }
        return result;
    }

    private static String[] texts(int n) {
        String[] t = new String[n];
        for (int i = 0; i < n; i++) {
            t[i] = "m" + i;
        }
        return t;
    }
}
