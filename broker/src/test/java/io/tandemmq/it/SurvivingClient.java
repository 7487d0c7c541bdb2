package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The bystander of bad-input tests: a persistent message stored in {@code <prefix>-stored} and a
 * connection with a producer and a consumer on {@code <prefix>-live}, both made before the bad
 * input arrives. {@link #assertUnaffected()} shows that the connection still sends and receives
 * and the stored message is still there.
 */
final class SurvivingClient implements AutoCloseable {
    static final String STORED_TEXT = "keep me";
    private static final long WAIT = 10_000;

    private final String prefix;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final MessageConsumer consumer;
    private int round;

    private SurvivingClient(String prefix, Connection connection) throws JMSException {
        this.prefix = prefix;
        this.connection = connection;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue live = session.createQueue(prefix + "-live");
        this.producer = session.createProducer(live);
        this.consumer = session.createConsumer(live);
        connection.start();
    }

    /** Stores the message and opens the connection, both through {@code url}. */
    static SurvivingClient open(String url, String prefix) throws JMSException {
        TandemConnectionFactory cf = new TandemConnectionFactory(url);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(prefix + "-stored"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage(STORED_TEXT));
        }
        Connection c = cf.createConnection();
        try {
            return new SurvivingClient(prefix, c);
        } catch (JMSException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    void assertUnaffected() throws JMSException {
        String text = "still alive " + (++round);
        producer.send(session.createTextMessage(text));
        TextMessage m = (TextMessage) consumer.receive(WAIT);
        assertNotNull(m, "the connection opened before the bad client stopped working");
        assertEquals(text, m.getText());
        QueueBrowser browser = session.createBrowser(session.createQueue(prefix + "-stored"));
        List<String> stored = new ArrayList<>();
        for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
            stored.add(((TextMessage) e.nextElement()).getText());
        }
        browser.close();
        assertEquals(List.of(STORED_TEXT), stored, "the message stored before is still there");
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
