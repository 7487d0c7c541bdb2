package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tandemmq.it.Jms.leftOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asynchronous delivery to message listeners. */
class MessageListenerIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new java.lang.IllegalStateException(e);
        }
    }

    @Test
    void listener_getsEveryMessageInOrder_andAutoAcknowledgesThem() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, "a", "b", "c");
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(5);
        MessageConsumer consumer = s.createConsumer(q);
        consumer.setMessageListener(m -> {
            got.add(text(m));
            all.countDown();
        });
        c.start();
        Jms.sendTexts(BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE), q, "d", "e");

        assertTrue(all.await(Jms.RECEIVE, TimeUnit.MILLISECONDS), "all five messages reached the listener");
        c.close();
        assertEquals(List.of("a", "b", "c", "d", "e"), got);
        assertEquals(List.of(), leftOn(BROKER, q));
    }

    @Test
    void listenerThatThrows_inAutoAcknowledgeMode_getsTheMessageAgainAsRedelivered() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, "fragile", "next");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        MessageConsumer consumer = s.createConsumer(q);
        consumer.setMessageListener(m -> {
            try {
                seen.add(text(m) + (m.getJMSRedelivered() ? "/redelivered" : "") + "/" + m.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                seen.add(e.toString());
            }
            done.countDown();
            if (done.getCount() == 2) {
                throw new RuntimeException("the listener fails on its first message");
            }
        });
        c.start();

        assertTrue(done.await(Jms.RECEIVE, TimeUnit.MILLISECONDS), "three deliveries reached the listener");
        c.close();
        assertEquals(List.of("fragile/1", "fragile/redelivered/2", "next/1"), seen);
        assertEquals(List.of(), leftOn(BROKER, q));
    }

    @Test
    void receive_onAConsumerWithAListener_throwsIllegalStateException() throws Exception {
        Session s = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(BROKER.name("q")));
        consumer.setMessageListener(m -> { });

        assertThrows(IllegalStateException.class, () -> consumer.receive(Jms.ABSENT));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
    }

    @Test
    void stoppedConnection_holdsBackListenerDelivery_untilStarted() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        CountDownLatch got = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> got.countDown());

        Jms.sendTexts(s, q, "held");
        assertFalse(got.await(Jms.ABSENT, TimeUnit.MILLISECONDS), "no delivery before start");
        c.start();

        assertTrue(got.await(Jms.RECEIVE, TimeUnit.MILLISECONDS));
    }
}
