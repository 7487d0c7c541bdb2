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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Split brain: with only the heartbeat link cut, the lease in the store keeps the passive server
 * from taking over; when the active server really stops (SIGSTOP until its lease expires), the
 * passive one takes over with a new epoch, and the old one, resumed, fences itself without writing
 * a single row. Every claim about writes is checked in the store itself.
 */
class PairSplitBrainIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long the lease is watched while the link is cut: several lease expiries. */
    private static final long WATCH_MILLIS = 2_000;
    /**
     * The lease expiry of this pair: twice the default, so that a short freeze probe stretched by a
     * loaded machine (the probe itself starts processes and queries the store) stays well short of it.
     */
    private static final long LEASE_EXPIRY_MILLIS = 1_000;
    /** The active server stays frozen at least this long, twice the lease expiry. */
    private static final long FREEZE_MILLIS = 2 * LEASE_EXPIRY_MILLIS;

    /** Short freezes at random moments, each checked for a lease row lock left behind. */
    private static final int FREEZE_PROBES = 60;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aCutHeartbeatLinkRaisesAnAlarmButNoTakeover_andAFrozenActiveIsReplacedAndFencesItselfWithoutWriting()
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Connection ghostConnection = null;
        try (PairProcesses pair = PairProcesses.start(dir, "--lease-expiry", String.valueOf(LEASE_EXPIRY_MILLIS))) {
            PairProcesses.Node active = pair.active();
            PairProcesses.Node passive = pair.passive();
            PairProcesses.LeaseRow before = pair.readLease();
            assertEquals(active.name(), before.ownerName(), "the active server holds the lease");
            // an alarm from start-up (before the first heartbeat) must not count as the alarm for the cut
            awaitHeartbeatsHeard(passive, active);
            Thread.sleep(500);
            int activeMark = active.mark();
            int passiveMark = passive.mark();

            // 1. only the heartbeat link is cut: an alarm, no takeover, no second writer
            pair.cutHeartbeatLink();
            String alarm = pair.awaitLine(passive, passiveMark, Pattern.compile("ALARM"), WAIT);
            System.out.println("PairSplitBrainIT: the passive server says: " + alarm);
            watchLease(pair, before, WATCH_MILLIS);
            assertEquals(List.of(), passive.rolesSince(passiveMark), "the passive server stays passive");
            assertEquals(List.of(), active.rolesSince(activeMark), "the active server stays active");
            PairJms.sendPersistent(active.url(), "split-q", List.of("during-cut"));
            assertEquals(List.of("during-cut"), PairJms.receiveAll(active.url(), "split-q", 1),
                    "the active server keeps serving");

            // 2. freezing the idle active server at any moment leaves the lease row free for its partner
            long longestFreeze = 0;
            try (java.sql.Connection store = pair.openStore()) {
                for (int i = 0; i < FREEZE_PROBES; i++) {
                    long frozenAt = freezeIdle(pair, active, store);
                    pair.thaw(active);
                    longestFreeze = Math.max(longestFreeze, System.nanoTime() - frozenAt);
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40));
                }
            }
            assertEquals(List.of(), active.rolesSince(activeMark), "short freezes cost the active server nothing"
                    + " (longest freeze " + TimeUnit.NANOSECONDS.toMillis(longestFreeze) + " ms)");

            // 3. the active server stops (SIGSTOP) with a send on its way to it
            // failover off: this connection must stay with the frozen server and see its send refused
            ghostConnection = PairJms.connect(active.url() + "?requestTimeout=20000&reconnectTotalTime=0");
            Session session = ghostConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("split-q"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long frozenAt;
            try (java.sql.Connection store = pair.openStore()) {
                frozenAt = freezeIdle(pair, active, store);
            }
            Future<Throwable> ghost = executor.submit(() -> {
                try {
                    producer.send(session.createTextMessage("ghost"));
                    return null;
                } catch (JMSException e) {
                    return e;
                }
            });

            long activeAt = pair.awaitRole(passive, "active", WAIT);
            System.out.printf("PairSplitBrainIT: %s took over %d ms after %s was frozen%n", passive.name(),
                    TimeUnit.NANOSECONDS.toMillis(activeAt - frozenAt), active.name());
            PairProcesses.LeaseRow taken = pair.readLease();
            assertEquals(passive.name(), taken.ownerName(), "the passive server took the lease");
            assertEquals(before.epoch() + 1, taken.epoch(), "taking over increments the epoch");
            List<String> whileFrozen = PairJms.texts("while-frozen", 10);
            PairJms.sendPersistent(passive.url(), "split-q", whileFrozen);
            long frozenFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            if (frozenFor < FREEZE_MILLIS) {
                Thread.sleep(FREEZE_MILLIS - frozenFor);
            }

            // 4. the old active server resumes: it fences itself and writes nothing
            pair.thaw(active);
            pair.awaitRole(active, "passive", WAIT);
            assertEquals(List.of("fenced", "passive"), active.rolesSince(activeMark),
                    "the resumed server fenced itself, then became passive");
            Throwable ghostFailure = ghost.get(60, TimeUnit.SECONDS);
            assertNotNull(ghostFailure, "the send to the replaced server must fail");
            assertInstanceOf(JMSException.class, ghostFailure);
            System.out.println("PairSplitBrainIT: the send to the frozen server failed with: " + ghostFailure);
            watchLease(pair, taken, WATCH_MILLIS / 2);

            List<String> afterThaw = PairJms.texts("after-thaw", 10);
            PairJms.sendPersistent(passive.url(), "split-q", afterThaw);
            assertEquals(whileFrozen.size() + afterThaw.size(), messageRows(pair),
                    "the store holds exactly the messages the new active server accepted:\n" + pair.describe());
            List<String> expected = new ArrayList<>(whileFrozen);
            expected.addAll(afterThaw);
            PairJms.assertExactlyOnce(expected, PairJms.receiveAll(passive.url(), "split-q", expected.size()));
            assertEquals("passive", active.role());
            assertEquals("active", passive.role());
        } finally {
            if (ghostConnection != null) {
                try {
                    ghostConnection.close();
                } catch (JMSException ignored) {
                    // its server fenced itself
                }
            }
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits until the passive server has heard the active one: its NOT_ACTIVE answer then names the
     * active server (the hint comes from the heartbeats).
     */
    private static void awaitHeartbeatsHeard(PairProcesses.Node passive, PairProcesses.Node active) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String message = null;
        while (System.nanoTime() < deadline) {
            try {
                PairJms.connect(passive.url()).close();
                throw new AssertionError("the passive server accepted a client");
            } catch (JMSException e) {
                message = String.valueOf(e.getMessage());
                if (message.contains(active.url())) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the passive server never heard the active one: " + message);
    }

    /** Reads the lease row again and again: owner and epoch must not change, nor the lease be released. */
    private static void watchLease(PairProcesses pair, PairProcesses.LeaseRow expected, long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int reads = 0;
        while (System.nanoTime() < end) {
            PairProcesses.LeaseRow now = pair.readLease();
            assertEquals(expected.owner(), now.owner(), "the lease changed hands:\n" + pair.describe());
            assertEquals(expected.epoch(), now.epoch(), "the epoch changed:\n" + pair.describe());
            assertFalse(now.released(), "the lease was released");
            reads++;
            Thread.sleep(50);
        }
        assertFalse(reads < 5, "the lease was read only " + reads + " times");
    }

    /**
     * SIGSTOP, then checks that the frozen process holds no lock on the lease row: an idle server's
     * lease statements commit as they run, so freezing it at any moment must leave the row free for
     * its partner to read and take. (A lock still held by a frozen client would block the partner
     * until the process resumes; a lock seen only while the database finishes a statement that
     * arrived just before the freeze is gone a moment later.)
     *
     * The store connection is opened before the freeze and polled, so that a probe stays short.
     *
     * @return when the process was frozen
     */
    private static long freezeIdle(PairProcesses pair, PairProcesses.Node node, java.sql.Connection store)
            throws Exception {
        long frozenAt = System.nanoTime();
        pair.freeze(node);
        long settleBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (exclusiveLeaseLocks(pair, store) > 0) {
            if (System.nanoTime() > settleBy) {
                throw new AssertionError("the frozen server holds the lease row's lock");
            }
            Thread.sleep(10);
        }
        return frozenAt;
    }

    private static int exclusiveLeaseLocks(PairProcesses pair, java.sql.Connection c) throws SQLException {
        if (pair.storeKind() == StoreKind.POSTGRESQL) {
            return leaseRowLockedOnPostgres(c) ? 1 : 0;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE"
                     + " WHERE TABLENAME = 'TQ_LEASE' AND TYPE = 'ROW' AND MODE = 'X' AND STATE = 'GRANT'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** PostgreSQL keeps row locks in the rows, not in a lock table: try to lock the row without waiting. */
    private static boolean leaseRowLockedOnPostgres(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.executeQuery("SELECT ID FROM TQ_LEASE WHERE ID = 1 FOR UPDATE NOWAIT").close();
                return false;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    return true;
                }
                throw e;
            } finally {
                c.rollback();
            }
        }
    }

    private static int messageRows(PairProcesses pair) throws SQLException {
        try (java.sql.Connection c = pair.openStore(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TQ_MESSAGE WHERE CONSUMED_AT = 0")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
