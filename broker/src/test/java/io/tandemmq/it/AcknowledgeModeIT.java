package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.tandemmq.it.Jms.expect;
import static io.tandemmq.it.Jms.expectNothing;
import static io.tandemmq.it.Jms.expectTexts;
import static io.tandemmq.it.Jms.leftOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUTO, CLIENT and DUPS_OK acknowledgement as seen after reconnecting, closing sessions and recover. */
class AcknowledgeModeIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private Queue queueWith(String... texts) throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, texts);
        c.close();
        return q;
    }

    @Test
    void autoAcknowledge_receivedMessagesAreNotRedeliveredAfterReconnect() throws Exception {
        Queue q = queueWith("a", "b", "c");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a", "b"), expectTexts(consumer, 2));
        c.close();

        assertEquals(List.of("c"), leftOn(BROKER, q), "only the message never received is left");
    }

    @Test
    void clientAcknowledge_acknowledgesEveryMessageConsumedSoFar() throws Exception {
        Queue q = queueWith("a", "b", "c", "d");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        Message a = expect(consumer);
        expect(consumer);
        expect(consumer);

        a.acknowledge();
        c.close();

        assertEquals(List.of("d"), leftOn(BROKER, q), "acknowledging the first message acknowledged all three consumed");
    }

    @Test
    void clientAcknowledge_alsoAcknowledgesWhatAClosedConsumerOfTheSessionConsumed() throws Exception {
        Queue q = queueWith("a", "b", "c");
        Connection c = BROKER.connect("prefetch=1");
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer first = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a"), expectTexts(first, 1));
        first.close();
        MessageConsumer second = s.createConsumer(q);
        Message b = expect(second);
        assertEquals("b", ((TextMessage) b).getText());

        b.acknowledge();
        c.close();

        assertEquals(List.of("c"), leftOn(BROKER, q));
    }

    @Test
    void clientAcknowledge_unacknowledgedMessagesComeBackRedelivered_afterTheSessionCloses() throws Exception {
        Queue q = queueWith("a", "b", "c");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        Message a = expect(consumer);
        assertFalse(a.getJMSRedelivered());
        assertEquals(1, a.getIntProperty("JMSXDeliveryCount"));
        a.acknowledge();
        expect(consumer);
        expect(consumer);
        s.close();

        Session again = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer second = again.createConsumer(q);
        Message b = expect(second);
        Message cc = expect(second);
        assertEquals("b", ((TextMessage) b).getText());
        assertEquals("c", ((TextMessage) cc).getText());
        for (Message m : List.of(b, cc)) {
            assertTrue(m.getJMSRedelivered());
            assertEquals(2, m.getIntProperty("JMSXDeliveryCount"));
        }
        expectNothing(second);
        cc.acknowledge();
        c.close();

        assertEquals(List.of(), leftOn(BROKER, q));
    }

    @Test
    void clientAcknowledge_unacknowledgedMessagesComeBack_afterTheConnectionCloses() throws Exception {
        Queue q = queueWith("a", "b");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a", "b"), expectTexts(consumer, 2));
        c.close();

        Connection again = BROKER.connect();
        Session s2 = again.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer2 = s2.createConsumer(q);
        again.start();
        Message m = expect(consumer2);
        assertEquals("a", ((TextMessage) m).getText());
        assertTrue(m.getJMSRedelivered());
        assertEquals(2, m.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void recover_redeliversEveryUnacknowledgedMessage_inOrder() throws Exception {
        Queue q = queueWith("a", "b", "c");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a", "b"), expectTexts(consumer, 2));

        s.recover();

        Message a = expect(consumer);
        Message b = expect(consumer);
        Message cc = expect(consumer);
        assertEquals("a", ((TextMessage) a).getText());
        assertEquals("b", ((TextMessage) b).getText());
        assertEquals("c", ((TextMessage) cc).getText());
        assertTrue(a.getJMSRedelivered());
        assertTrue(b.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        assertFalse(cc.getJMSRedelivered(), "c had not been delivered to the application before");
        assertEquals(1, cc.getIntProperty("JMSXDeliveryCount"));
        expectNothing(consumer);
        cc.acknowledge();
        c.close();

        assertEquals(List.of(), leftOn(BROKER, q));
    }

    @Test
    void acknowledge_onAClosedSession_throwsIllegalStateException() throws Exception {
        Queue q = queueWith("a");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        Message a = expect(consumer);
        s.close();

        assertThrows(IllegalStateException.class, a::acknowledge);
    }

    @Test
    void dupsOkAcknowledge_deliversEveryMessageInOrder_andNoneComesBackAfterAnOrderlyClose() throws Exception {
        Queue q = queueWith("a", "b", "c", "d", "e");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a", "b", "c", "d", "e"), expectTexts(consumer, 5));
        expectNothing(consumer);
        c.close();

        assertEquals(List.of(), leftOn(BROKER, q));
    }
}
