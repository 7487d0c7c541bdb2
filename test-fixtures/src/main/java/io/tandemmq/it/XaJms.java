package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.ArrayList;
import java.util.List;

/** Plain JMS steps the XA tests check their outcomes with, each on a connection of its own. */
final class XaJms {
    /** How long a receive waits when the test expects nothing; long enough for a dispatched message to arrive. */
    static final long NOTHING_MILLIS = 500;
    static final long RECEIVE_MILLIS = 10_000;

    private XaJms() {
    }

    /** A received text message: its text and whether the broker said it came before. */
    record Received(String text, boolean redelivered) { }

    static void send(String url, String queue, String... texts) throws JMSException {
        try (Connection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (String text : texts) {
                p.send(s.createTextMessage(text));
            }
        }
    }

    /** Receives (and acknowledges) one message, or null when none comes within {@code millis}. */
    static Received receive(String url, String queue, long millis) throws JMSException {
        try (Connection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            TextMessage m = (TextMessage) consumer.receive(millis);
            return m == null ? null : new Received(m.getText(), m.getJMSRedelivered());
        }
    }

    /** Receives (and acknowledges) every message that comes, until none comes for {@link #NOTHING_MILLIS}. */
    static List<String> drain(String url, String queue) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            TextMessage m;
            while ((m = (TextMessage) consumer.receive(NOTHING_MILLIS)) != null) {
                texts.add(m.getText());
            }
        }
        return texts;
    }

    /** A send and a receive on a queue of their own work: the broker carries on. */
    static void assertBrokerCarriesOn(String url) throws JMSException {
        String queue = "carries-on-" + System.nanoTime();
        send(url, queue, "still here");
        Received r = receive(url, queue, RECEIVE_MILLIS);
        if (r == null || !"still here".equals(r.text())) {
            throw new AssertionError("the broker at " + url + " no longer sends and receives: got " + r);
        }
    }

    /** The prepared branches the broker lists to a new XA connection. */
    static List<Xid> inDoubt(String url) throws JMSException, XAException {
        try (TandemXAConnection c = new TandemConnectionFactory(url).createXAConnection()) {
            return List.of(c.createXASession().getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
        }
    }

    /** For recovery: a new XA connection and session to the broker, and its resource. */
    static NarayanaTm.Opened openForRecovery(String url) throws JMSException {
        TandemXAConnection c = new TandemConnectionFactory(url).createXAConnection();
        TandemXASession s = c.createXASession();
        return new NarayanaTm.Opened(s.getXAResource(), c::close);
    }

    static boolean contains(List<Xid> xids, Xid xid) {
        return xids.stream().anyMatch(x -> TestXid.same(x, xid));
    }
}
