package io.tandemmq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Producers on one queue, each on its own connection and thread, sending 1 KiB bytes messages
 * until a {@link Budget} runs out. Sends are synchronous as the client makes them: a persistent
 * send outside a transaction returns once the message is in the store.
 */
final class Senders implements AutoCloseable {
    static final int BODY_BYTES = 1024;
    private static final byte[] BODY = body();

    private final List<Connection> connections = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<MessageProducer> producers = new ArrayList<>();
    private final int commitEvery;

    private Senders(int commitEvery) {
        this.commitEvery = commitEvery;
    }

    /**
     * @param persistent the delivery mode
     * @param commitEvery 0 for plain sends; otherwise a transacted session commits every so many
     */
    static Senders open(ConnectionFactory factory, String queue, int count, boolean persistent, int commitEvery)
            throws JMSException {
        return open(i -> factory, queue, count, persistent, commitEvery);
    }

    /** Like {@link #open(ConnectionFactory, String, int, boolean, int)}, with a factory per producer (its index given). */
    static Senders open(IntFunction<ConnectionFactory> factories, String queue, int count, boolean persistent,
            int commitEvery) throws JMSException {
        Senders s = new Senders(commitEvery);
        try {
            for (int i = 0; i < count; i++) {
                Connection c = factories.apply(i).createConnection();
                s.connections.add(c);
                Session session = c.createSession(commitEvery > 0, commitEvery > 0 ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = session.createProducer(session.createQueue(queue));
                p.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                s.sessions.add(session);
                s.producers.add(p);
            }
            return s;
        } catch (JMSException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The producers' connections, one each. */
    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** What one run sent, and how long it took. */
    record Sent(long messages, long nanos) {
        double perSecond() {
            return Workers.perSecond(messages, nanos);
        }
    }

    /** All producers send at once until the budget runs out. */
    Sent run(Budget budget) throws Exception {
        AtomicLong sent = new AtomicLong();
        long nanos = Workers.timed(producers.size(), "sender", i -> sent.addAndGet(send(i, budget)));
        return new Sent(sent.get(), nanos);
    }

    private long send(int index, Budget budget) throws JMSException {
        Session session = sessions.get(index);
        MessageProducer producer = producers.get(index);
        long n = 0;
        while (budget.take()) {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(BODY);
            producer.send(m);
            n++;
            if (commitEvery > 0 && n % commitEvery == 0) {
                session.commit();
            }
        }
        if (commitEvery > 0 && n % commitEvery != 0) {
            session.commit();
        }
        return n;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException e) {
                // closing after the measurement; a failure here changes no figure
            }
        }
    }

    private static byte[] body() {
        byte[] b = new byte[BODY_BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
