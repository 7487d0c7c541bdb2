package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Small helpers shared by the integration tests. Waits are generous for what must come, short for what must not. */
final class Jms {
    /** How long to wait for a message that must arrive. */
    static final long RECEIVE = 5_000;
    /** How long to wait before concluding that no message will arrive. */
    static final long ABSENT = 300;

    private Jms() {
    }

    /** Sends text messages with the producer's settings. */
    static void sendTexts(Session session, Destination dest, String... texts) throws JMSException {
        MessageProducer p = session.createProducer(dest);
        for (String t : texts) {
            p.send(session.createTextMessage(t));
        }
        p.close();
    }

    /** Receives a message that must come, failing with a clear message otherwise. */
    static Message expect(MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(RECEIVE);
        assertNotNull(m, "expected a message within " + RECEIVE + " ms");
        return m;
    }

    static String expectText(MessageConsumer consumer) throws JMSException {
        return ((TextMessage) expect(consumer)).getText();
    }

    /** Receives exactly {@code n} texts in the order they come. */
    static List<String> expectTexts(MessageConsumer consumer, int n) throws JMSException {
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            texts.add(expectText(consumer));
        }
        return texts;
    }

    /** Receives until nothing comes for {@link #ABSENT} ms; returns the texts in order. */
    static List<String> drainTexts(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        Message m;
        while ((m = consumer.receive(ABSENT)) != null) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }

    /** What a new connection finds on the queue (until nothing more comes); all of it is consumed. */
    static List<String> leftOn(BrokerExtension broker, Queue q) throws JMSException {
        try (Connection c = broker.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            return drainTexts(consumer);
        }
    }

    static void expectNothing(MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(ABSENT);
        assertNull(m, () -> "expected no message, got " + describe(m));
    }

    private static String describe(Message m) {
        try {
            return m instanceof TextMessage t ? "'" + t.getText() + "'" : String.valueOf(m);
        } catch (JMSException e) {
            return String.valueOf(m);
        }
    }
}
