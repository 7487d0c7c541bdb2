package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL of the active broker: the passive one takes over from the shared store with every
 * persistent message, and the killed one, restarted, becomes passive. Takeover times are printed,
 * not asserted.
 */
class PairFailoverIT {
    private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(30);
    private static final Duration RESTART_WAIT = Duration.ofSeconds(60);
    private static final long FIRST_SEND_WAIT_MILLIS = 30_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** What one takeover took, from the kill. */
    record Takeover(long activeLineMillis, long firstSendMillis) { }

    @Test
    void killingTheActiveBroker_letsThePassiveTakeOverWithEveryPersistentMessage_andTheKilledOneReturnsPassive()
            throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            PairProcesses.Node old = pair.active();
            PairProcesses.Node next = pair.passive();
            List<String> sent = new ArrayList<>(PairJms.texts("before-kill", 50));
            PairJms.sendPersistent(old.url(), "failover-q", sent);

            int beforeKill = next.mark();
            Takeover t = killAndTakeOver(pair, old, next, "failover-q", "first-after-kill");
            sent.add("first-after-kill");
            System.out.printf("PairFailoverIT: SIGKILL of %s -> %s active line after %d ms, first persistent send"
                    + " accepted after %d ms%n", old.name(), next.name(), t.activeLineMillis(), t.firstSendMillis());
            assertEquals(List.of(), next.linesSince(beforeKill).stream().filter(l -> l.contains("ALARM")).toList(),
                    "a killed partner is no alarm (it is not 'alive and reaching the store')");
            Cli.Result status = Cli.tandem(dir, "status", "--url", next.url());
            assertTrue(status.out().contains("partner: " + old.name() + " unreachable (was active)"), status.toString());

            int mark = next.mark();
            pair.restart(old);
            pair.awaitRole(old, "passive", RESTART_WAIT);
            assertEquals("active", next.role(), "the new active server keeps its role");
            assertEquals(List.of(), next.rolesSince(mark), "no role change on the new active server");

            PairJms.assertExactlyOnce(sent, PairJms.receiveAll(next.url(), "failover-q", sent.size()));
        }
    }

    @Test
    void killingTheActiveBrokerFiveTimesInARow_keepsEveryPersistentMessageExactlyOnce() throws Exception {
        List<String> sent = new ArrayList<>();
        List<Takeover> takeovers = new ArrayList<>();
        try (PairProcesses pair = PairProcesses.start(dir)) {
            for (int round = 1; round <= 5; round++) {
                PairProcesses.Node old = pair.active();
                PairProcesses.Node next = pair.passive();
                List<String> batch = PairJms.texts("round-" + round, 20);
                PairJms.sendPersistent(old.url(), "repeated-q", batch);
                sent.addAll(batch);

                Takeover t = killAndTakeOver(pair, old, next, "repeated-q", "round-" + round + "-after-kill");
                sent.add("round-" + round + "-after-kill");
                takeovers.add(t);
                System.out.printf("PairFailoverIT: round %d, SIGKILL of %s -> %s active line after %d ms, first"
                        + " persistent send accepted after %d ms%n", round, old.name(), next.name(),
                        t.activeLineMillis(), t.firstSendMillis());

                pair.restart(old);
                pair.awaitRole(old, "passive", RESTART_WAIT);
            }
            System.out.printf("PairFailoverIT: median of %d kills: active line after %d ms, first send after %d ms%n",
                    takeovers.size(), median(takeovers.stream().map(Takeover::activeLineMillis).toList()),
                    median(takeovers.stream().map(Takeover::firstSendMillis).toList()));
            PairJms.assertExactlyOnce(sent, PairJms.receiveAll(pair.active().url(), "repeated-q", sent.size()));
        }
    }

    /**
     * Kills {@code old}, waits for {@code next} to say active, then sends one persistent message to
     * it, retrying until one is accepted.
     */
    static Takeover killAndTakeOver(PairProcesses pair, PairProcesses.Node old, PairProcesses.Node next, String queue,
                                    String text) throws Exception {
        long killed = System.nanoTime();
        pair.kill(old);
        long activeAt = pair.awaitRole(next, "active", TAKEOVER_WAIT);
        long sentAt = firstSend(next.url(), queue, text);
        return new Takeover(TimeUnit.NANOSECONDS.toMillis(activeAt - killed), TimeUnit.NANOSECONDS.toMillis(sentAt - killed));
    }

    /**
     * Sends one persistent message as soon as the server accepts a connection (connecting is
     * retried; the send itself must succeed, so that a failed send can never leave an uncounted
     * message behind); returns the moment the send returned.
     */
    static long firstSend(String url, String queue, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIRST_SEND_WAIT_MILLIS);
        Connection c = null;
        JMSException last = null;
        while (c == null && System.nanoTime() < deadline) {
            try {
                c = PairJms.connect(url);
            } catch (JMSException e) {
                last = e;
                Thread.sleep(20);
            }
        }
        if (c == null) {
            throw new AssertionError("the new active server " + url + " accepted no connection", last);
        }
        try (Connection connection = c) {
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage(text));
            return System.nanoTime();
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        assertTrue(!sorted.isEmpty());
        return sorted.get(sorted.size() / 2);
    }
}
