package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
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

/** Transacted sessions: what commit, rollback and closing do to sends and receives. */
class LocalTransactionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void commit_makesTransactedSendsVisible_andNotBefore() throws Exception {
        Connection c = BROKER.connect();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = tx.createQueue(BROKER.name("q"));
        MessageConsumer consumer = plain.createConsumer(q);
        c.start();

        Jms.sendTexts(tx, q, "a", "b", "c");
        expectNothing(consumer);
        tx.commit();

        assertEquals(List.of("a", "b", "c"), expectTexts(consumer, 3));
        expectNothing(consumer);
    }

    @Test
    void commit_makesConsumptionFinal() throws Exception {
        Connection c = BROKER.connect();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = plain.createQueue(BROKER.name("q"));
        Jms.sendTexts(plain, q, "a", "b", "c");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(q);
        c.start();

        assertEquals(List.of("a", "b"), expectTexts(consumer, 2));
        tx.commit();
        c.close();

        assertEquals(List.of("c"), leftOn(BROKER, q));
    }

    @Test
    void commit_alsoCoversMessagesOfAConsumerClosedBeforeIt() throws Exception {
        Connection c = BROKER.connect("prefetch=1");
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = plain.createQueue(BROKER.name("q"));
        Jms.sendTexts(plain, q, "a", "b", "c");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer first = tx.createConsumer(q);
        c.start();
        assertEquals(List.of("a"), expectTexts(first, 1));
        first.close();
        MessageConsumer second = tx.createConsumer(q);
        assertEquals(List.of("b"), expectTexts(second, 1));

        tx.commit();
        c.close();

        assertEquals(List.of("c"), leftOn(BROKER, q));
    }

    @Test
    void rollback_alsoReturnsMessagesOfAConsumerClosedBeforeIt() throws Exception {
        Connection c = BROKER.connect("prefetch=1");
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = plain.createQueue(BROKER.name("q"));
        Jms.sendTexts(plain, q, "a", "b");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer first = tx.createConsumer(q);
        c.start();
        assertEquals(List.of("a"), expectTexts(first, 1));
        first.close();

        tx.rollback();

        MessageConsumer second = tx.createConsumer(q);
        Message a = expect(second);
        assertEquals("a", ((TextMessage) a).getText());
        assertTrue(a.getJMSRedelivered());
        assertEquals(List.of("b"), expectTexts(second, 1));
        tx.commit();
    }

    @Test
    void rollback_discardsTransactedSends() throws Exception {
        Connection c = BROKER.connect();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = tx.createQueue(BROKER.name("q"));
        Jms.sendTexts(tx, q, "dropped-1", "dropped-2");

        tx.rollback();
        Jms.sendTexts(tx, q, "kept");
        tx.commit();

        assertEquals(List.of("kept"), leftOn(BROKER, q));
    }

    @Test
    void rollback_redeliversConsumedMessages_inOrder_withJMSRedelivered() throws Exception {
        Connection c = BROKER.connect();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = plain.createQueue(BROKER.name("q"));
        Jms.sendTexts(plain, q, "a", "b", "c");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(q);
        c.start();
        Message first = expect(consumer);
        assertFalse(first.getJMSRedelivered());
        assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
        expect(consumer);

        tx.rollback();

        Message a = expect(consumer);
        Message b = expect(consumer);
        Message cc = expect(consumer);
        assertEquals(List.of("a", "b", "c"),
                List.of(((TextMessage) a).getText(), ((TextMessage) b).getText(), ((TextMessage) cc).getText()));
        assertEquals(first.getJMSMessageID(), a.getJMSMessageID());
        assertTrue(a.getJMSRedelivered());
        assertTrue(b.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        assertEquals(2, b.getIntProperty("JMSXDeliveryCount"));
        assertFalse(cc.getJMSRedelivered(), "c was never delivered to the application before the rollback");
        tx.commit();
        c.close();

        assertEquals(List.of(), leftOn(BROKER, q));
    }

    @Test
    void closingATransactedSession_rollsBackItsSendsAndReceives() throws Exception {
        Connection c = BROKER.connect();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = plain.createQueue(BROKER.name("in"));
        Queue out = plain.createQueue(BROKER.name("out"));
        Jms.sendTexts(plain, in, "request");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(in);
        c.start();
        assertEquals("request", ((TextMessage) expect(consumer)).getText());
        MessageProducer producer = tx.createProducer(out);
        producer.send(tx.createTextMessage("reply"));

        tx.close();

        MessageConsumer again = plain.createConsumer(in);
        Message m = expect(again);
        assertEquals("request", ((TextMessage) m).getText());
        assertTrue(m.getJMSRedelivered());
        assertEquals(List.of(), leftOn(BROKER, out), "the send of the closed transaction was dropped");
    }

    @Test
    void closingTheConnection_rollsBackAnOpenTransaction() throws Exception {
        Connection c = BROKER.connect();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = tx.createQueue(BROKER.name("q"));
        Jms.sendTexts(tx, q, "never");

        c.close();

        assertEquals(List.of(), leftOn(BROKER, q));
    }

    @Test
    void commitAndRollback_onASessionThatIsNotTransacted_throwIllegalStateException() throws Exception {
        Session s = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThrows(IllegalStateException.class, s::commit);
        assertThrows(IllegalStateException.class, s::rollback);
    }

    @Test
    void recover_onATransactedSession_throwsIllegalStateException() throws Exception {
        Session tx = BROKER.connect().createSession(true, Session.SESSION_TRANSACTED);

        assertThrows(IllegalStateException.class, tx::recover);
    }
}
