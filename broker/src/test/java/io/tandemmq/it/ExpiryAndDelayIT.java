package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Set;

import static io.tandemmq.it.Jms.expect;
import static io.tandemmq.it.Jms.expectNothing;
import static io.tandemmq.it.Jms.expectText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time to live (expiry to {@code ExpiryQueue} or dropped) and delivery delay. */
class ExpiryAndDelayIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    /** A broker started with an empty {@code --expiry-queue}: expired messages are dropped. */
    @RegisterExtension
    static final BrokerExtension DROPPING = new BrokerExtension("--expiry-queue=");

    private static Message tagged(Session s, String text, String tag) throws Exception {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("tag", tag);
        return m;
    }

    /** Waits until the wall clock is past the given time; expiry is decided by time, so the test must let it pass. */
    private static void waitUntilPast(long epochMillis) throws InterruptedException {
        while (System.currentTimeMillis() <= epochMillis) {
            Thread.sleep(Math.max(1, epochMillis - System.currentTimeMillis() + 1));
        }
    }

    @Test
    void messageNotConsumedWithinItsTimeToLive_isNotDelivered_andLandsInTheExpiryQueue() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        String tag = BROKER.name("tag");
        MessageProducer p = s.createProducer(q);
        Message persistent = tagged(s, "persistent", tag);
        p.send(persistent, DeliveryMode.PERSISTENT, 4, 100);
        Message nonPersistent = tagged(s, "non-persistent", tag);
        p.send(nonPersistent, DeliveryMode.NON_PERSISTENT, 4, 100);
        assertEquals(persistent.getJMSTimestamp() + 100, persistent.getJMSExpiration());
        waitUntilPast(nonPersistent.getJMSExpiration());

        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        expectNothing(consumer);

        MessageConsumer expired = s.createConsumer(s.createQueue("ExpiryQueue"), "tag = '" + tag + "'");
        Message one = expect(expired);
        Message two = expect(expired);
        assertEquals(Set.of("persistent", "non-persistent"),
                Set.of(((TextMessage) one).getText(), ((TextMessage) two).getText()));
        assertEquals(persistent.getJMSMessageID(), "persistent".equals(((TextMessage) one).getText())
                ? one.getJMSMessageID() : two.getJMSMessageID());
        assertEquals(0, one.getJMSExpiration(), "messages in the expiry queue no longer expire (as in Artemis)");
        expectNothing(expired);
    }

    @Test
    void messageThatExpiresWhileBufferedInTheClient_isNotDelivered_andLandsInTheExpiryQueue() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        String tag = BROKER.name("tag");
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        Message m = tagged(s, "short-lived", tag);
        p.send(m, DeliveryMode.PERSISTENT, 4, 100);
        p.send(tagged(s, "long-lived", tag), DeliveryMode.PERSISTENT, 4, 0);
        waitUntilPast(m.getJMSExpiration());

        c.start();
        assertEquals("long-lived", expectText(consumer));
        expectNothing(consumer);
        consumer.close();

        MessageConsumer expired = s.createConsumer(s.createQueue("ExpiryQueue"), "tag = '" + tag + "'");
        assertEquals("short-lived", expectText(expired));
        expectNothing(expired);
    }

    @Test
    void messageConsumedWithinItsTimeToLive_arrivesWithItsExpirationTime() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(60_000);
        p.send(s.createTextMessage("fresh"));
        MessageConsumer consumer = s.createConsumer(q);
        c.start();

        Message m = expect(consumer);

        assertEquals(m.getJMSTimestamp() + 60_000, m.getJMSExpiration());
    }

    @Test
    void expiredMessage_isDropped_whenTheBrokerHasNoExpiryQueue() throws Exception {
        Connection c = DROPPING.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(DROPPING.name("q"));
        String tag = DROPPING.name("tag");
        MessageProducer p = s.createProducer(q);
        Message m = tagged(s, "short-lived", tag);
        p.send(m, DeliveryMode.PERSISTENT, 4, 100);
        waitUntilPast(m.getJMSExpiration());

        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        expectNothing(consumer);
        expectNothing(s.createConsumer(s.createQueue("ExpiryQueue"), "tag = '" + tag + "'"));
    }

    @Test
    void messageWithDeliveryDelay_isNotDeliveredBeforeItsDeliveryTime_butArrivesAfterwards() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(1000);
        Message sent = s.createTextMessage("later");
        p.send(sent);
        assertEquals(sent.getJMSTimestamp() + 1000, sent.getJMSDeliveryTime());

        assertNull(consumer.receive(500), "a delayed message must not come before its delivery time");
        Message m = expect(consumer);
        long receivedAt = System.currentTimeMillis();

        assertEquals("later", ((TextMessage) m).getText());
        assertEquals(sent.getJMSDeliveryTime(), m.getJMSDeliveryTime());
        assertTrue(receivedAt >= m.getJMSDeliveryTime(), "received before its delivery time");
    }

    @Test
    void delayedMessage_doesNotHoldBackALaterMessageWithoutDelay() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        MessageProducer delayed = s.createProducer(q);
        delayed.setDeliveryDelay(1000);
        delayed.send(s.createTextMessage("delayed"));
        MessageProducer direct = s.createProducer(q);
        Message now = s.createTextMessage("direct");
        direct.send(now);

        assertEquals("direct", expectText(consumer));
        assertEquals("delayed", expectText(consumer));
        assertEquals(now.getJMSTimestamp(), now.getJMSDeliveryTime(), "without delay the delivery time is the send time");
    }
}
