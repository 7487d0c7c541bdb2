package io.tandemmq.bench;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Consumers on one queue (AUTO_ACKNOWLEDGE unless told otherwise), each on its own connection and thread, counting what
 * arrives from {@link #start()} until {@link #close()}, and when the latest message arrived.
 */
final class QueueConsumers implements AutoCloseable {
    /** What a consumer does with each message besides counting it. */
    interface Sink {
        void accept(Message m) throws JMSException;
    }

    private static final long RECEIVE_MILLIS = 100;
    /** How long a drain waits for the next message before it reports the missing ones. */
    static final long SILENCE_MILLIS = 30_000;

    private final List<Connection> connections = new ArrayList<>();
    private final List<MessageConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Sink sink;
    private volatile boolean closed;
    private volatile long lastNanos;
    private long startNanos;

    private QueueConsumers(Sink sink) {
        this.sink = sink;
    }

    /** Opens the consumers; nothing is received before {@link #start()}. */
    static QueueConsumers open(ConnectionFactory factory, String queue, int count, Sink sink) throws JMSException {
        return open(factory, queue, count, Session.AUTO_ACKNOWLEDGE, sink);
    }

    /** @param acknowledgeMode a {@link Session} acknowledge mode constant */
    static QueueConsumers open(ConnectionFactory factory, String queue, int count, int acknowledgeMode, Sink sink)
            throws JMSException {
        QueueConsumers q = new QueueConsumers(sink);
        try {
            for (int i = 0; i < count; i++) {
                Connection c = factory.createConnection();
                q.connections.add(c);
                Session s = c.createSession(false, acknowledgeMode);
                q.consumers.add(s.createConsumer(s.createQueue(queue)));
            }
            return q;
        } catch (JMSException | RuntimeException e) {
            q.close();
            throw e;
        }
    }

    static QueueConsumers open(ConnectionFactory factory, String queue, int count) throws JMSException {
        return open(factory, queue, count, m -> { });
    }

    void start() throws JMSException {
        startNanos = System.nanoTime();
        lastNanos = startNanos;
        for (int i = 0; i < consumers.size(); i++) {
            MessageConsumer consumer = consumers.get(i);
            connections.get(i).start();
            Thread t = new Thread(() -> receive(consumer), "consumer-" + i);
            t.start();
            threads.add(t);
        }
    }

    private void receive(MessageConsumer consumer) {
        try {
            while (!closed) {
                Message m = consumer.receive(RECEIVE_MILLIS);
                if (m != null) {
                    sink.accept(m);
                    lastNanos = System.nanoTime();
                    received.incrementAndGet();
                }
            }
        } catch (JMSException | RuntimeException e) {
            if (!closed) {
                failure.compareAndSet(null, e);
            }
        }
    }

    long received() {
        return received.get();
    }

    /**
     * Waits until {@code expected} messages arrived.
     *
     * @return nanoseconds from {@link #start()} to the arrival of the latest message
     * @throws IOException when nothing arrives for {@code silenceMillis} before that
     */
    long awaitReceived(long expected, long silenceMillis) throws Exception {
        long seen = -1;
        long seenAt = System.nanoTime();
        while (received.get() < expected) {
            if (failure.get() != null) {
                throw failure.get();
            }
            long now = received.get();
            if (now != seen) {
                seen = now;
                seenAt = System.nanoTime();
            } else if (System.nanoTime() - seenAt > silenceMillis * 1_000_000) {
                throw new IOException("only " + now + " of " + expected + " messages arrived; nothing more for "
                        + silenceMillis + " ms");
            }
            Thread.sleep(1);
        }
        return lastNanos - startNanos;
    }

    /** Waits until nothing arrived for {@code quietMillis}; returns how many arrived in all. */
    long awaitQuiet(long quietMillis) throws Exception {
        while (System.nanoTime() - lastNanos < quietMillis * 1_000_000) {
            if (failure.get() != null) {
                throw failure.get();
            }
            Thread.sleep(50);
        }
        return received.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            // closing the connections below ends the receives anyway
            Thread.currentThread().interrupt();
        }
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException e) {
                // after the measurement; nothing depends on it
            }
        }
    }
}
