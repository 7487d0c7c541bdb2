package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A producer and a consumer on one queue through a two-server URL, counting every message while
 * the test kills or switches servers: which sends returned, which threw, what the consumer
 * committed or acknowledged, and whether a message seen twice was marked redelivered.
 */
final class FailoverTraffic implements AutoCloseable {
    /** How the consumer settles what it received. */
    enum Mode { TRANSACTED, CLIENT_ACKNOWLEDGE }

    private final String queue;
    private final Mode mode;
    private final int total;
    private final Connection producerConnection;
    private final Connection consumerConnection;
    private final Set<Integer> returned = new ConcurrentSkipListSet<>();
    private final List<String> sendErrors = Collections.synchronizedList(new ArrayList<>());
    private final Set<Integer> failedSends = new ConcurrentSkipListSet<>();
    private final List<String> consumerErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> sendCompletions = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> settled = new ConcurrentHashMap<>();
    private final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    private final List<Integer> unmarkedRepeats = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean stopProducing = new AtomicBoolean();
    private int rolledBackCommits;
    private final Thread producer;
    private final Thread consumer;

    FailoverTraffic(String url, String queue, Mode mode, int total) throws JMSException {
        this.queue = queue;
        this.mode = mode;
        this.total = total;
        TandemConnectionFactory cf = new TandemConnectionFactory(url);
        producerConnection = cf.createConnection();
        consumerConnection = cf.createConnection();
        producer = new Thread(this::produce, "traffic-producer");
        consumer = new Thread(this::consume, "traffic-consumer");
    }

    FailoverTraffic start() throws JMSException {
        consumerConnection.start();
        consumer.start();
        producer.start();
        return this;
    }

    private void produce() {
        try {
            Session s = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < total && !stop.get() && !stopProducing.get(); i++) {
                Message m = s.createTextMessage("m" + i);
                m.setIntProperty("seq", i);
                try {
                    p.send(m);
                    returned.add(i);
                    sendCompletions.add(System.nanoTime());
                } catch (JMSException e) {
                    sendErrors.add(i + ": " + e);
                    failedSends.add(i);
                }
                Thread.sleep(3);
            }
        } catch (JMSException | InterruptedException e) {
            sendErrors.add("producer: " + e);
        }
    }

    private void consume() {
        try {
            Session s = consumerConnection.createSession(mode == Mode.TRANSACTED,
                    mode == Mode.TRANSACTED ? Session.SESSION_TRANSACTED : Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer c = s.createConsumer(s.createQueue(queue));
            List<Integer> batch = new ArrayList<>();
            Message last = null;
            while (!stop.get()) {
                Message m = c.receive(200);
                if (m != null) {
                    int seq = m.getIntProperty("seq");
                    if (!seen.add(seq) && !m.getJMSRedelivered()) {
                        unmarkedRepeats.add(seq);
                    }
                    batch.add(seq);
                    last = m;
                }
                if (batch.size() >= 10 || (m == null && !batch.isEmpty())) {
                    settle(s, last, batch);
                    batch.clear();
                }
            }
        } catch (JMSException e) {
            consumerErrors.add("consumer: " + e);
        }
    }

    private void settle(Session s, Message last, List<Integer> batch) {
        try {
            if (mode == Mode.TRANSACTED) {
                s.commit();
            } else {
                last.acknowledge();
            }
            for (int seq : batch) {
                settled.merge(seq, 1, Integer::sum);
            }
        } catch (TransactionRolledBackException e) {
            synchronized (this) {
                rolledBackCommits++;
            }
        } catch (JMSException e) {
            consumerErrors.add("settle: " + e);
        }
    }

    /** Waits until the producer sent at least {@code n} messages. */
    void awaitSent(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (returned.size() + sendErrors.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Milliseconds from {@code sinceNanos} to the first send that returned after it, or -1. */
    long firstSendAfter(long sinceNanos) {
        synchronized (sendCompletions) {
            for (long t : sendCompletions) {
                if (t > sinceNanos) {
                    return TimeUnit.NANOSECONDS.toMillis(t - sinceNanos);
                }
            }
        }
        return -1;
    }

    /** Ends the producer's loop after the send in progress (for traffic that runs until the test is done). */
    void stopProducing() {
        stopProducing.set(true);
    }

    /** Waits for the producer to finish and the consumer to settle every returned message once. */
    void finish(long timeoutMillis) throws InterruptedException {
        producer.join(timeoutMillis);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!settled.keySet().containsAll(returned) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1000); // let duplicates, if any, show up
        stop.set(true);
        consumer.join(10_000);
    }

    Set<Integer> returned() {
        return returned;
    }

    List<String> sendErrors() {
        return sendErrors;
    }

    /** The numbers of the sends that threw. */
    Set<Integer> failedSends() {
        return failedSends;
    }

    /** The numbers of every message the consumer received, settled or not. */
    Set<Integer> seen() {
        return seen;
    }

    List<String> consumerErrors() {
        return consumerErrors;
    }

    synchronized int rolledBackCommits() {
        return rolledBackCommits;
    }

    List<Integer> unmarkedRepeats() {
        return unmarkedRepeats;
    }

    /** Messages settled (committed or acknowledged) more than once, with their counts. */
    Map<Integer, Integer> settledTwice() {
        Map<Integer, Integer> twice = new HashMap<>();
        settled.forEach((seq, n) -> {
            if (n > 1) {
                twice.put(seq, n);
            }
        });
        return twice;
    }

    Set<Integer> missing() {
        Set<Integer> m = new java.util.TreeSet<>(returned);
        m.removeAll(settled.keySet());
        return m;
    }

    int total() {
        return total;
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            producerConnection.close();
        } catch (JMSException ignored) {
            // closing anyway
        }
        try {
            consumerConnection.close();
        } catch (JMSException ignored) {
            // closing anyway
        }
    }
}
