package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import static io.tandemmq.it.Jms.expectTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Queue browsers: they show waiting messages in order and never consume them. */
class QueueBrowserIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static List<String> browse(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        Enumeration<?> e = browser.getEnumeration();
        while (e.hasMoreElements()) {
            texts.add(((TextMessage) e.nextElement()).getText());
        }
        return texts;
    }

    @Test
    void browser_showsWaitingMessagesInOrder_withoutConsumingThem() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, "a", "b", "c");

        QueueBrowser browser = s.createBrowser(q);
        assertEquals(List.of("a", "b", "c"), browse(browser));
        assertEquals(List.of("a", "b", "c"), browse(browser), "a second enumeration sees the same messages");
        browser.close();

        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a", "b", "c"), expectTexts(consumer, 3));
    }

    @Test
    void browsedMessages_carryTheirHeadersAndProperties() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        TextMessage sent = s.createTextMessage("look");
        sent.setStringProperty("color", "red");
        sent.setJMSCorrelationID("corr");
        s.createProducer(q).send(sent);

        Enumeration<?> e = s.createBrowser(q).getEnumeration();
        Message m = (Message) e.nextElement();

        assertEquals(sent.getJMSMessageID(), m.getJMSMessageID());
        assertEquals("red", m.getStringProperty("color"));
        assertEquals("corr", m.getJMSCorrelationID());
        assertEquals(q, m.getJMSDestination());
        assertFalse(e.hasMoreElements());
    }

    @Test
    void browserWithASelector_showsOnlyMatchingMessages() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 10; i++) {
            TextMessage m = s.createTextMessage("m" + i);
            m.setIntProperty("n", i);
            m.setStringProperty("parity", i % 2 == 0 ? "even" : "odd");
            p.send(m);
        }

        assertEquals(List.of("m1", "m3", "m5", "m7", "m9"), browse(s.createBrowser(q, "parity = 'odd'")));
        assertEquals(List.of("m7", "m8", "m9"), browse(s.createBrowser(q, "n > 6")));
        assertEquals(List.of(), browse(s.createBrowser(q, "n > 100")));
    }

    @Test
    void browsingAQueueOf250Messages_enumeratesAllOfThemInOrder() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            sent.add("m" + i);
            p.send(s.createTextMessage("m" + i));
        }
        s.commit();

        assertEquals(sent, browse(s.createBrowser(q)));
    }

    @Test
    void browsingAnEmptyQueue_enumeratesNothing() throws Exception {
        Session s = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertEquals(List.of(), browse(s.createBrowser(s.createQueue(BROKER.name("q")))));
    }

    @Test
    void browser_doesNotShowMessagesAConsumerAlreadyTook() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Jms.sendTexts(s, q, "a", "b", "c");
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(List.of("a"), expectTexts(consumer, 1));
        consumer.close();

        assertEquals(List.of("b", "c"), browse(s.createBrowser(q)));
    }
}
