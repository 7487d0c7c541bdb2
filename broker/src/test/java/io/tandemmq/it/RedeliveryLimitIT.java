package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tandemmq.it.Jms.expect;
import static io.tandemmq.it.Jms.expectNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broker with {@code --max-delivery-attempts 3}: the third return of a message sends it to {@code DLQ}. */
class RedeliveryLimitIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension("--max-delivery-attempts", "3");

    /** Sends one message tagged with a property unique to the test, so DLQ consumers can pick it out. */
    private static String sendTagged(Session s, Queue q, String text, String tag) throws Exception {
        MessageProducer p = s.createProducer(q);
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("tag", tag);
        p.send(m);
        return m.getJMSMessageID();
    }

    private static MessageConsumer deadLetters(Session s, String tag) throws Exception {
        return s.createConsumer(s.createQueue("DLQ"), "tag = '" + tag + "'");
    }

    @Test
    void messageRolledBackThreeTimes_isMovedToTheDeadLetterQueue() throws Exception {
        Connection c = BROKER.connect();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = plain.createQueue(BROKER.name("q"));
        String tag = BROKER.name("tag");
        String id = sendTagged(plain, q, "poison", tag);
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(q);
        c.start();

        for (int attempt = 1; attempt <= 3; attempt++) {
            Message m = expect(consumer);
            assertEquals(id, m.getJMSMessageID());
            assertEquals(attempt, m.getIntProperty("JMSXDeliveryCount"));
            tx.rollback();
        }

        expectNothing(consumer);
        MessageConsumer dlq = deadLetters(plain, tag);
        Message dead = expect(dlq);
        assertEquals(id, dead.getJMSMessageID());
        assertEquals("poison", ((TextMessage) dead).getText());
        expectNothing(dlq);
    }

    @Test
    void messageRecoveredThreeTimes_inClientAcknowledgeMode_isMovedToTheDeadLetterQueue() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        String tag = BROKER.name("tag");
        String id = sendTagged(s, q, "poison", tag);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(id, expect(consumer).getJMSMessageID());
            s.recover();
        }

        expectNothing(consumer);
        MessageConsumer dlq = deadLetters(c.createSession(false, Session.AUTO_ACKNOWLEDGE), tag);
        assertEquals(id, expect(dlq).getJMSMessageID());
    }

    @Test
    void messageRolledBackTwice_isStillDeliveredAThirdTime_andCanBeCommitted() throws Exception {
        Connection c = BROKER.connect();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = plain.createQueue(BROKER.name("q"));
        String tag = BROKER.name("tag");
        String id = sendTagged(plain, q, "survivor", tag);
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(q);
        c.start();

        expect(consumer);
        tx.rollback();
        expect(consumer);
        tx.rollback();
        Message third = expect(consumer);
        tx.commit();

        assertEquals(id, third.getJMSMessageID());
        assertEquals(3, third.getIntProperty("JMSXDeliveryCount"));
        expectNothing(consumer);
        expectNothing(deadLetters(plain, tag));
    }
}
