package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * 6.1.5: a connection is created stopped, and a stopped connection's consumers take no messages:
 * a queue's messages go to the consumers that can receive them.
 */
class StoppedConnectionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static void send(Session s, Queue q, String... texts) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
    }

    @Test
    void consumerOfANeverStartedConnection_takesNoQueueMessage_aStartedConsumerGetsIt() throws Exception {
        Connection idle = BROKER.connect();
        Session idleSession = idle.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = idleSession.createQueue(BROKER.name("q"));
        idleSession.createConsumer(q);
        Connection started = BROKER.connect();
        Session s = started.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        started.start();

        send(s, q, "for the started one");

        TextMessage m = (TextMessage) consumer.receive(5000);
        assertNotNull(m, "the message did not wait in the stopped connection's consumer");
        assertEquals("for the started one", m.getText());
    }

    @Test
    void start_grantsTheWindow_andTheWaitingMessageArrives() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageConsumer consumer = s.createConsumer(q);
        send(s, q, "waits");
        assertNull(consumer.receive(300), "a stopped connection delivers nothing");

        c.start();

        assertEquals("waits", ((TextMessage) consumer.receive(5000)).getText());
    }

    @Test
    void stop_givesBackWhatIsBuffered_soAnotherConsumerReceivesIt_notMarkedRedelivered() throws Exception {
        Connection first = BROKER.connect();
        Session s1 = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s1.createQueue(BROKER.name("q"));
        MessageConsumer c1 = s1.createConsumer(q);
        first.start();
        send(s1, q, "m1", "m2", "m3", "m4", "m5");
        assertEquals("m1", ((TextMessage) c1.receive(5000)).getText());
        // m2..m5 sit in c1's buffer (its window is larger than five)

        first.stop();

        Connection second = BROKER.connect();
        Session s2 = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c2 = s2.createConsumer(q);
        second.start();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message m = c2.receive(5000);
            assertNotNull(m, "received so far: " + got);
            assertFalse(m.getJMSRedelivered(), "never handed to an application: not redelivered");
            got.add(((TextMessage) m).getText());
        }
        assertEquals(List.of("m2", "m3", "m4", "m5"), got);
        first.start();
        assertNull(c1.receive(300), "nothing is delivered twice");
    }

    @Test
    void jmsContextWithoutAutoStart_takesNothingUntilStarted() throws Exception {
        try (JMSContext idle = BROKER.factory().createContext(); JMSContext busy = BROKER.factory().createContext()) {
            idle.setAutoStart(false);
            Queue q = idle.createQueue(BROKER.name("q"));
            JMSConsumer waiting = idle.createConsumer(q);
            JMSConsumer receiving = busy.createConsumer(q);

            busy.createProducer().send(q, "to whoever receives");

            assertEquals("to whoever receives", receiving.receiveBody(String.class, 5000));
            idle.start();
            assertNull(waiting.receiveNoWait());
        }
    }
}
