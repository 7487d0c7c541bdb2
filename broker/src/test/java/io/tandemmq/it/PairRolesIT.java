package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roles of a running pair: one active, one passive that refuses clients, what {@code status}
 * shows, and {@code switchover}. The tests share one pair and look up the roles each time, since a
 * switchover swaps them.
 */
class PairRolesIT {
    private static final Duration ROLE_WAIT = Duration.ofSeconds(30);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static PairProcesses pair;

    @BeforeAll
    static void startPair() throws Exception {
        pair = PairProcesses.start(dir);
    }

    @AfterAll
    static void stopPair() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aPairHasExactlyOneActiveServer_andThePassiveOneRefusesClientsAsNotActiveWithAHint() throws Exception {
        PairProcesses.Node active = pair.active();
        PairProcesses.Node passive = pair.passive();
        assertNotEquals(active, passive);

        // the hint comes from the partner's heartbeats: right after start-up it may not be known yet
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String message;
        do {
            JMSException refused = assertThrows(JMSException.class, () -> {
                try (Connection c = PairJms.connect(passive.url())) {
                    c.start();
                }
            });
            message = String.valueOf(refused.getMessage());
            assertTrue(message.contains(passive.name() + " is passive"), "says that the server is passive: " + message);
        } while (!message.contains(active.url()) && System.nanoTime() < deadline && sleep(100));
        assertTrue(message.contains(active.url()), "names the active server as a hint: " + message);

        PairJms.sendPersistent(active.url(), "roles-q", List.of("hello"));
        assertEquals(List.of("hello"), PairJms.receiveAll(active.url(), "roles-q", 1));
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    private static final Pattern STATUS_LINE = Pattern.compile(
            "(?m)^(\\w+): (\\w+), epoch (\\d+), clients (\\S+); lease: owner (\\S+), epoch (\\d+), renewed (\\d+) ms ago;"
                    + " partner: (\\w+) (\\w+), last heartbeat (\\d+) ms ago$");

    @Test
    void status_showsBothRolesTheActiveEpochAndTheLease() throws Exception {
        PairProcesses.Node active = pair.active();
        PairProcesses.Node passive = pair.passive();
        PairProcesses.LeaseRow lease = pair.readLease();
        Cli.Result r = Cli.tandem(dir, "status", "--url", pair.url());
        assertEquals(0, r.exitCode(), r.toString());

        Matcher m = STATUS_LINE.matcher(r.out());
        int lines = 0;
        while (m.find()) {
            lines++;
            String name = m.group(1);
            PairProcesses.Node node = name.equals("a") ? pair.a() : pair.b();
            assertEquals(node.role(), m.group(2), "role of " + name + ":\n" + r);
            assertEquals(node.url(), m.group(4), r.toString());
            assertEquals(lease.owner(), m.group(5), "the lease owner seen by " + name + ":\n" + r);
            assertEquals(lease.epoch(), Long.parseLong(m.group(6)), "the lease epoch seen by " + name + ":\n" + r);
            assertEquals(pair.other(node).name(), m.group(8), r.toString());
            assertEquals(pair.other(node).role(), m.group(9), "the partner's role as " + name + " hears it:\n" + r);
            if (node == active) {
                assertEquals(lease.epoch(), Long.parseLong(m.group(3)), "the active server's epoch is the lease's:\n" + r);
            }
        }
        assertEquals(2, lines, "one line per server:\n" + r);
        assertEquals(active.name(), lease.ownerName(), "the active server owns the lease");
        assertTrue(r.out().contains(active.name() + ": active"), r.toString());
        assertTrue(r.out().contains(passive.name() + ": passive"), r.toString());
    }

    @Test
    void status_printsAServerThatCannotBeReachedAsUnreachable() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        PairProcesses.Node active = pair.active();
        Cli.Result one = Cli.tandem(dir, "status", "--url", active.url() + ",127.0.0.1:" + freePort);
        assertEquals(0, one.exitCode(), "one server answered:\n" + one);
        assertTrue(one.out().contains(active.name() + ": active"), one.toString());
        assertTrue(one.out().contains("127.0.0.1:" + freePort + ": unreachable"), one.toString());

        Cli.Result none = Cli.tandem(dir, "status", "--url", "tandem://127.0.0.1:" + freePort);
        assertEquals(1, none.exitCode(), "no server answered:\n" + none);
        assertTrue(none.out().contains("unreachable"), none.toString());
    }

    /** A command pointed at the store's port or a heartbeat port says so in one line, in seconds. */
    @Test
    void commandsPointedAtAPortThatIsNoClientPort_sayItIsNotATandemClientPort() throws Exception {
        int storePort = pair.storeKind() == StoreKind.DERBY ? pair.storePort() : pair.postgres().port();
        for (int port : new int[] {storePort, pair.active().peerPort()}) {
            Cli.Result list = Cli.tandem(dir, "list-destinations", "--url", "tandem://127.0.0.1:" + port);
            assertEquals(1, list.exitCode(), list.toString());
            assertTrue(list.err().strip().lines().count() == 1 && list.err().contains("client port"), list.toString());
            Cli.Result status = Cli.tandem(dir, "status", "--url", "tandem://127.0.0.1:" + port);
            assertEquals(1, status.exitCode(), status.toString());
            assertTrue(status.out().contains("127.0.0.1:" + port + ": unreachable (") && status.out().contains("client port"),
                    status.toString());
        }
    }

    @Test
    void switchover_swapsTheRolesIncreasesTheEpochAndKeepsTheMessages() throws Exception {
        PairProcesses.Node old = pair.active();
        PairProcesses.Node next = pair.passive();
        PairProcesses.LeaseRow before = pair.readLease();
        List<String> sent = PairJms.texts("switch", 20);
        PairJms.sendPersistent(old.url(), "switchover-q", sent);
        int mark = old.mark();

        Cli.Result r = Cli.tandem(dir, "switchover", "--url", pair.url());
        assertEquals(0, r.exitCode(), r + "\n" + pair.describe());
        assertTrue(r.out().contains(next.name() + " is active now"), r.toString());

        pair.awaitRole(next, "active", ROLE_WAIT);
        pair.awaitRole(old, "passive", ROLE_WAIT);
        assertEquals(List.of("passive"), old.rolesSince(mark), "the old active server handed over without fencing");
        PairProcesses.LeaseRow after = pair.readLease();
        assertTrue(after.epoch() > before.epoch(), "epoch " + before.epoch() + " -> " + after.epoch());
        assertEquals(next.name(), after.ownerName());

        PairJms.assertExactlyOnce(sent, PairJms.receiveAll(next.url(), "switchover-q", sent.size()));
    }

    @Test
    void switchover_withoutALivePassiveServer_failsWithAClearMessage() throws Exception {
        PairProcesses.Node active = pair.active();
        PairProcesses.Node passive = pair.passive();
        pair.kill(passive);
        try {
            // the active server must first notice the silence (3 heartbeats of 100 ms)
            Thread.sleep(1000);
            Cli.Result r = Cli.tandem(dir, "switchover", "--url", pair.url());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("no passive partner"), r.toString());
            assertEquals("active", active.role(), "the active server keeps its role");
            PairJms.sendPersistent(active.url(), "still-active-q", List.of("still here"));
            assertEquals(List.of("still here"), PairJms.receiveAll(active.url(), "still-active-q", 1));
        } finally {
            pair.restart(passive);
            pair.awaitRole(passive, "passive", ROLE_WAIT);
        }
    }
}
