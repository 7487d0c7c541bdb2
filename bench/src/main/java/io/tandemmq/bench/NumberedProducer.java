package io.tandemmq.bench;

import io.tandemmq.client.TandemConnection;
import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.failover.FailoverEvent;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A background producer of persistent messages numbered 0, 1, 2... (int property {@code seq}),
 * sending as fast as synchronous sends return, through a URL that names both servers of a pair.
 * It keeps which sends returned, which threw (their outcome is in doubt), and the first send that
 * returned after the connection failed over following a moment given by {@link #watchFrom}: a
 * send may still return from the killed server in the instant before it dies, and that one must
 * not count as accepted by the new active server.
 */
final class NumberedProducer implements AutoCloseable {
    static final String SEQ = "seq";
    private static final byte[] BODY = new byte[Senders.BODY_BYTES];

    private final TandemConnection connection;
    private final Thread thread;
    private final BitSet returned = new BitSet();
    private final BitSet threw = new BitSet();
    private final AtomicLong reconnectedAfter = new AtomicLong();
    private final AtomicLong firstReturnAfter = new AtomicLong();
    private volatile long watchFrom = Long.MAX_VALUE;
    private volatile boolean awaitReconnect = true;
    private volatile boolean stopped;
    private volatile JMSException broken;

    private NumberedProducer(TandemConnection connection, String queue) {
        this.connection = connection;
        connection.addFailoverListener(this::onFailover);
        this.thread = new Thread(() -> produce(queue), "numbered-producer");
    }

    static NumberedProducer start(String url, String queue) throws JMSException {
        NumberedProducer p = new NumberedProducer(new TandemConnectionFactory(url).createConnection(), queue);
        p.thread.start();
        return p;
    }

    private void onFailover(FailoverEvent event) {
        long now = System.nanoTime();
        if (event.type() == FailoverEvent.Type.RECONNECTED && now - watchFrom > 0) {
            reconnectedAfter.compareAndSet(0, now);
        }
    }

    private void produce(String queue) {
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int seq = 0; !stopped; seq++) {
                send(session, producer, seq);
            }
        } catch (JMSException e) {
            broken = e;
        }
    }

    private void send(Session session, MessageProducer producer, int seq) throws JMSException {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(BODY);
        m.setIntProperty(SEQ, seq);
        long started = System.nanoTime();
        try {
            producer.send(m);
        } catch (JMSException e) {
            // the broker may or may not have stored it: the drain tells
            synchronized (this) {
                threw.set(seq);
            }
            return;
        }
        if (awaitReconnect ? reconnectedAfter.get() != 0 : started - watchFrom > 0) {
            firstReturnAfter.compareAndSet(0, System.nanoTime());
        }
        synchronized (this) {
            returned.set(seq);
        }
    }

    synchronized int returnedCount() {
        return returned.cardinality();
    }

    synchronized BitSet returned() {
        return (BitSet) returned.clone();
    }

    synchronized BitSet threw() {
        return (BitSet) threw.clone();
    }

    /** Waits until {@code count} sends returned in all. */
    void awaitReturned(int count, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (returnedCount() < count) {
            check(deadline, "only " + returnedCount() + " of " + count + " sends returned");
            Thread.sleep(5);
        }
    }

    /**
     * From now on, {@link #awaitFirstReturn} reports the first send that returns after the
     * connection reconnected following {@code nanos}.
     */
    void watchFrom(long nanos) {
        watch(nanos, true);
    }

    /**
     * From now on, {@link #awaitFirstReturn} reports the first send begun after {@code nanos}
     * that returns, for an outage the client does not see as a failover (the database's).
     */
    void watchSendsFrom(long nanos) {
        watch(nanos, false);
    }

    private void watch(long nanos, boolean reconnect) {
        awaitReconnect = reconnect;
        watchFrom = nanos;
        reconnectedAfter.set(0);
        firstReturnAfter.set(0);
    }

    /** System.nanoTime when the first send after the watched moment and the reconnection returned. */
    long awaitFirstReturn(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (firstReturnAfter.get() == 0) {
            check(deadline, "no send returned");
            Thread.sleep(1);
        }
        return firstReturnAfter.get();
    }

    private void check(long deadline, String what) throws IOException {
        if (broken != null) {
            throw new IOException("the numbered producer failed", broken);
        }
        if (System.currentTimeMillis() > deadline) {
            throw new IOException(what + " in time");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
        try {
            connection.close();
        } catch (JMSException e) {
            // every send has returned or thrown by now; closing changes no count
        }
    }
}
