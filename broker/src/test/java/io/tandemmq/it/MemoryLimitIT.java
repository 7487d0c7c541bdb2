package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A broker with {@code --max-memory 2m}: persistent messages far beyond it are kept in the store
 * and delivered intact; non-persistent messages beyond it are refused while the broker carries on.
 */
class MemoryLimitIT {
    private static final long WAIT = 15_000;
    private static final int KIB100 = 100 * 1024;

    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(dir, "--max-memory", "2m");
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static byte[] body(int seq, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seq * 31 + i * 7 + (i >> 8));
        }
        return b;
    }

    private static BytesMessage numbered(Session s, int seq, int size) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(body(seq, size));
        m.setIntProperty("seq", seq);
        return m;
    }

    /** Checks size and content of a numbered message; returns its number. */
    private static int checkIntact(Message m, int size) throws JMSException {
        assertNotNull(m, "a message is missing");
        int seq = m.getIntProperty("seq");
        byte[] got = m.getBody(byte[].class);
        assertEquals(size, got.length, "body length of message " + seq);
        assertTrue(Arrays.equals(body(seq, size), got), "body of message " + seq + " is damaged");
        return seq;
    }

    /** The WAITING and PAGED columns of {@code queue stat} for one queue. */
    private static long[] waitingAndPaged(String queue) throws Exception {
        Cli.Result stat = Cli.tandem(dir, "queue", "stat", queue, "--url", broker.url());
        assertEquals(0, stat.exitCode(), stat.toString());
        List<String> lines = stat.out().lines().toList();
        assertTrue(lines.get(0).matches("NAME +WAITING +PAGED .*"), stat.out());
        String[] cols = lines.get(1).trim().split("\\s+");
        assertEquals(queue, cols[0], stat.out());
        return new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])};
    }

    @Test
    void persistentMessagesFarBeyondTheLimit_areAcceptedKeptAndDeliveredIntact() throws Exception {
        int n = 300; // 30 MB against 2 MB of memory
        try (Connection c = new TandemConnectionFactory(broker.url() + "?blockOnNonPersistentSend=true").createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("mem-persistent");
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < n; i++) {
                p.send(numbered(s, i, KIB100));
            }
            // the memory is full of waiting bodies: a non-persistent message has nowhere to go
            MessageProducer np = s.createProducer(s.createQueue("mem-persistent-side"));
            np.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            assertThrows(ResourceAllocationException.class, () -> np.send(numbered(s, -1, KIB100)));
            long[] waitingPaged = waitingAndPaged("mem-persistent");
            assertEquals(n, waitingPaged[0]);
            assertTrue(waitingPaged[1] > n - 30 && waitingPaged[1] < n, "queue stat shows the paged ones: "
                    + waitingPaged[1] + " of " + n + " (2 MB holds about 20)");

            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            for (int i = 0; i < 100; i++) {
                assertEquals(i, checkIntact(consumer.receive(WAIT), KIB100), "in order");
            }
        }

        // bodies that were never in memory come back from the store after a crash too
        broker.kill();
        broker.restart();
        assertEquals(n - 100, waitingAndPaged("mem-persistent")[1], "recovered bodies stay in the store");
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("mem-persistent"));
            c.start();
            for (int i = 100; i < n; i++) {
                assertEquals(i, checkIntact(consumer.receive(WAIT), KIB100), "in order");
            }
            assertNull(consumer.receive(500));
        }
    }

    @Test
    void nonPersistentMessagesBeyondTheLimit_areRefused_andTheBrokerCarriesOn() throws Exception {
        String url = broker.url() + "?blockOnNonPersistentSend=true";
        try (Connection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("mem-non-persistent");
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            int accepted = 0;
            while (true) {
                try {
                    p.send(numbered(s, accepted, KIB100));
                } catch (ResourceAllocationException e) {
                    break;
                }
                accepted++;
                if (accepted > 100) {
                    fail("more than 10 MB of non-persistent messages accepted with a limit of 2 MB");
                }
            }
            assertTrue(accepted > 0, "the first message fits in 2 MB");

            // persistent messages are still taken, and everything accepted is delivered
            MessageProducer persistent = s.createProducer(q);
            persistent.send(numbered(s, 1000, 1000));
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            Set<Integer> got = new HashSet<>();
            for (int i = 0; i < accepted; i++) {
                got.add(checkIntact(consumer.receive(WAIT), KIB100));
            }
            assertEquals(1000, checkIntact(consumer.receive(WAIT), 1000));
            assertEquals(accepted, got.size());
            assertNull(consumer.receive(300));

            // consumed messages free their memory: non-persistent sends are accepted again
            for (int i = 0; i < accepted; i++) {
                p.send(numbered(s, 2000 + i, KIB100));
            }
            for (int i = 0; i < accepted; i++) {
                checkIntact(consumer.receive(WAIT), KIB100);
            }
        }
    }

    @Test
    void browsingLargePagedMessages_deliversEachInFramesTheClientAccepts() throws Exception {
        int size = 4 * 1024 * 1024; // three of them do not fit in one 10 MiB frame
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("mem-browse");
            MessageProducer p = s.createProducer(q);
            for (int i = 0; i < 3; i++) {
                p.send(numbered(s, i, size));
            }
            QueueBrowser browser = s.createBrowser(q);
            List<Integer> browsed = new ArrayList<>();
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                browsed.add(checkIntact((Message) e.nextElement(), size));
            }
            browser.close();
            assertEquals(List.of(0, 1, 2), browsed);

            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            for (int i = 0; i < 3; i++) {
                assertEquals(i, checkIntact(consumer.receive(WAIT), size));
            }
            assertNull(consumer.receive(300));
        }
    }
}
