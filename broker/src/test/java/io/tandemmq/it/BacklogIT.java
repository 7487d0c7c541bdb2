package io.tandemmq.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backlog far larger than the heap: half a million persistent 1 KiB messages wait on one queue of
 * a pair whose brokers run with {@code -Xmx96m}. The active broker's live heap stays small, the
 * passive one takes over such a backlog about as fast as an empty store, and the backlog drains in
 * each producer's order, every message once.
 */
class BacklogIT {
    private static final int PRODUCERS = 16;
    private static final int PER_PRODUCER = 31_250;
    private static final int MESSAGES = PRODUCERS * PER_PRODUCER;
    private static final int SEND_BATCH = 250;
    private static final int ACK_BATCH = 1_000;
    private static final long LIVE_HEAP_LIMIT = 64L << 20;
    private static final Duration ROLE_WAIT = Duration.ofSeconds(60);
    private static final String QUEUE = "backlog";
    private static final int KILLS = 3;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void halfAMillionWaitingMessages_inA96MegabyteHeap_areTakenOverQuickly_andDrainInOrderOnce() throws Exception {
        try (PairProcesses pair = PairProcesses.start(StoreKind.configured(), dir, storeArgs -> { }, List.of("-Xmx96m", ChildJvm.FULL_COMPILER))) {
            long empty = medianTakeover(pair, "empty");

            PairProcesses.Node active = pair.active();
            long fillStarted = System.nanoTime();
            fill(active.url());
            long fillMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fillStarted);
            long liveFull = liveHeapAfterFullGc(active.pid());
            System.out.printf("BacklogIT: %,d messages sent in %,d ms; live heap of the active broker after a full GC:"
                    + " %,d KiB%n", MESSAGES, fillMillis, liveFull >> 10);
            assertTrue(liveFull < LIVE_HEAP_LIMIT, "live heap " + liveFull + " bytes with " + MESSAGES + " waiting");

            long full = medianTakeover(pair, "full");
            System.out.printf("BacklogIT: takeover, kill to first accepted send, median of %d: empty store %d ms,"
                    + " with the backlog %d ms%n", KILLS, empty, full);
            assertTrue(full <= 2 * empty, "takeover with the backlog " + full + " ms, empty " + empty + " ms");

            PairProcesses.Node last = pair.active();
            long drainStarted = System.nanoTime();
            drainInOrderOnce(last.url());
            System.out.printf("BacklogIT: drained in %,d ms; live heap after: %,d KiB%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStarted), liveHeapAfterFullGc(last.pid()) >> 10);
        }
    }

    /**
     * Kills the active broker {@link #KILLS} times (the killed one restarted as passive each time)
     * and returns the median time from a kill to the first send the other one accepted: one takeover
     * varies with when the kill falls between heartbeats.
     */
    private static long medianTakeover(PairProcesses pair, String label) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            PairProcesses.Node old = pair.active();
            PairProcesses.Node next = pair.passive();
            PairFailoverIT.Takeover t = PairFailoverIT.killAndTakeOver(pair, old, next, "probe", label + "-" + i);
            millis.add(t.firstSendMillis());
            pair.restart(old);
            pair.awaitRole(old, "passive", ROLE_WAIT);
        }
        System.out.printf("BacklogIT: %s: kill to first accepted send %s ms%n", label, millis);
        return PairFailoverIT.median(millis);
    }

    /** Many producers, each in transactions of a few hundred messages, numbered per producer. */
    private static void fill(String url) throws Exception {
        byte[] body = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                done.add(pool.submit(() -> {
                    try (Connection c = PairJms.connect(url)) {
                        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                        MessageProducer out = s.createProducer(s.createQueue(QUEUE));
                        out.setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (int n = 0; n < PER_PRODUCER; n++) {
                            BytesMessage m = s.createBytesMessage();
                            m.writeBytes(body);
                            m.setIntProperty("producer", producer);
                            m.setIntProperty("n", n);
                            out.send(m);
                            if ((n + 1) % SEND_BATCH == 0) {
                                s.commit();
                            }
                        }
                        s.commit();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One consumer: each producer's messages come in the order sent, each exactly once. */
    private static void drainInOrderOnce(String url) throws Exception {
        int[] next = new int[PRODUCERS];
        try (Connection c = PairJms.connect(url)) {
            c.start();
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer in = s.createConsumer(s.createQueue(QUEUE));
            for (int i = 0; i < MESSAGES; i++) {
                Message m = in.receive(30_000);
                assertNotNull(m, "message " + i + " of " + MESSAGES + " did not come");
                int producer = m.getIntProperty("producer");
                int n = m.getIntProperty("n");
                assertEquals(next[producer], n, "producer " + producer + "'s messages out of order (or repeated)");
                next[producer]++;
                if ((i + 1) % ACK_BATCH == 0) {
                    m.acknowledge();
                }
            }
            assertEquals(null, in.receive(1_000), "nothing beyond the " + MESSAGES + " sent");
        }
    }

    /** Heap in use after a full collection, as {@code jcmd GC.heap_info} shows it (serial collector). */
    static long liveHeapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = Pattern.compile("(?m)^\\s*(def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K").matcher(info);
        long used = 0;
        int found = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(2)) << 10;
            found++;
        }
        assertEquals(2, found, "jcmd GC.heap_info said: " + info);
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd " + command + ": " + out);
        return out;
    }
}
