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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store server stops under the active broker: persistent work is refused with a clear error
 * (no hang), and once the store is back a broker serves again with every acknowledged message.
 */
class PairStoreOutageIT {
    private static final long REQUEST_TIMEOUT_MILLIS = 5_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void whenTheStoreGoesAway_persistentSendsFailClearly_andWhenItIsBackNothingAcknowledgedIsMissing()
            throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            PairProcesses.Node active = pair.active();
            PairProcesses.Node passive = pair.passive();
            List<String> acknowledged = PairJms.texts("before-outage", 30);
            PairJms.sendPersistent(active.url(), "outage-q", acknowledged);
            int activeMark = active.mark();
            int passiveMark = passive.mark();

            Connection c = PairJms.connect(active.url() + "?requestTimeout=" + REQUEST_TIMEOUT_MILLIS);
            try {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("outage-q"));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);

                pair.stopStore();
                long start = System.nanoTime();
                JMSException refused = assertThrows(JMSException.class,
                        () -> p.send(s.createTextMessage("during-outage")));
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("PairStoreOutageIT: the send failed after %d ms with %s%n", tookMillis, refused);
                String message = String.valueOf(refused.getMessage());
                assertFalse(message.isBlank(), "the exception says what happened");
                assertTrue(tookMillis < REQUEST_TIMEOUT_MILLIS + 2_000,
                        "the send failed after " + tookMillis + " ms, beyond the request timeout");
            } finally {
                try {
                    c.close();
                } catch (JMSException ignored) {
                    // the broker may have dropped the connection
                }
            }

            // without its lease the active server stops serving; without the store nobody takes over
            pair.awaitRole(active, "passive", Duration.ofSeconds(30));
            assertTrue(active.rolesSince(activeMark).contains("fenced"),
                    "the active server fenced itself: " + active.rolesSince(activeMark));
            assertFalse(passive.rolesSince(passiveMark).contains("active"), "no takeover without the store");

            pair.restartStore();
            PairProcesses.Node now = pair.awaitActive(Duration.ofSeconds(60));
            assertNotEquals("active", pair.other(now).role());
            System.out.println("PairStoreOutageIT: after the outage " + now.name() + " is active");

            List<String> expected = new ArrayList<>(acknowledged);
            expected.add("after-outage");
            PairJms.sendPersistent(now.url(), "outage-q", List.of("after-outage"));
            List<String> got = PairJms.receiveAll(now.url(), "outage-q", expected.size());
            PairJms.assertExactlyOnce(expected, got);
            assertEquals(1, got.stream().filter("after-outage"::equals).count());
        }
    }
}
