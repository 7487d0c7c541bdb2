package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plain JMS through one server of a pair (the client does not fail over here: every call connects
 * to the server it is given and closes its connection before returning).
 */
final class PairJms {
    /** How long to wait for each message that must come. */
    static final long RECEIVE = 10_000;
    /** Silence after which no further (duplicate) message is expected. */
    static final long QUIET = 1_000;

    private PairJms() {
    }

    static Connection connect(String url) throws JMSException {
        return new TandemConnectionFactory(url).createConnection();
    }

    /** Sends persistent text messages; each send has returned (is in the store) when this returns. */
    static void sendPersistent(String url, String queue, List<String> texts) throws JMSException {
        try (Connection c = connect(url)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String t : texts) {
                p.send(s.createTextMessage(t));
            }
        }
    }

    static List<String> texts(String prefix, int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(prefix + "-" + i);
        }
        return list;
    }

    /**
     * Receives {@code expected} messages (each within {@link #RECEIVE} ms) and then whatever else
     * comes within {@link #QUIET} ms, acknowledging all; returns every text received.
     */
    static List<String> receiveAll(String url, String queue, int expected) throws JMSException {
        List<String> got = new ArrayList<>();
        try (Connection c = connect(url)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(queue);
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            while (got.size() < expected) {
                Message m = consumer.receive(RECEIVE);
                if (m == null) {
                    break;
                }
                got.add(((TextMessage) m).getText());
            }
            Message m;
            while ((m = consumer.receive(QUIET)) != null) {
                got.add(((TextMessage) m).getText());
            }
        }
        return got;
    }

    /** Asserts that {@code got} holds every text of {@code expected} exactly once and nothing else. */
    static void assertExactlyOnce(List<String> expected, List<String> got) {
        Map<String, Long> counts = got.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
                Collectors.counting()));
        List<String> missing = expected.stream().filter(t -> !counts.containsKey(t)).toList();
        List<String> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        List<String> unexpected = counts.keySet().stream().filter(t -> !expected.contains(t)).toList();
        assertEquals(List.of(), missing, "messages missing");
        assertEquals(List.of(), duplicated, "messages delivered more than once");
        assertEquals(List.of(), unexpected, "messages that were never sent successfully");
        assertEquals(expected.size(), got.size());
    }
}
