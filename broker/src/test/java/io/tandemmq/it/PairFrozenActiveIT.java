package io.tandemmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active server frozen (SIGSTOP) for 5 s under steady traffic: a persistent producer and a
 * transacted consumer, through the pair's URL. On PostgreSQL the passive server takes over while
 * the old one is frozen, ten times in a row: it ends the frozen server's store sessions, so the
 * frozen server's open write transaction cannot hold it up. On Derby, which cannot end another
 * server's session, a freeze inside a write transaction holds the takeover until the old server
 * thaws: the partner raises one alarm and {@code status} says what it waits for. Either way, the
 * resumed server fences itself and writes nothing more, and every message arrives exactly once.
 */
class PairFrozenActiveIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long FREEZE_MILLIS = 5_000;
    private static final int FREEZES_ON_POSTGRESQL = 10;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void activeFrozenUnderTraffic_isReplacedOrWaitedFor_writesNothingAfterThawing_andEveryMessageArrivesOnce()
            throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir);
             FailoverTraffic traffic = new FailoverTraffic(pair.url(), "frozen-q", FailoverTraffic.Mode.TRANSACTED,
                     Integer.MAX_VALUE)) {
            traffic.start();
            traffic.awaitSent(200, WAIT.toMillis());
            if (pair.storeKind() == StoreKind.POSTGRESQL) {
                List<Long> takeovers = new ArrayList<>();
                for (int i = 1; i <= FREEZES_ON_POSTGRESQL; i++) {
                    takeovers.add(freezeAndExpectTakeoverWhileFrozen(pair));
                    traffic.awaitSent(traffic.returned().size() + 100, WAIT.toMillis());
                }
                System.out.println("PairFrozenActiveIT: takeovers after SIGSTOP (ms): " + takeovers);
            } else {
                freezeInsideAWriteAndExpectTheAlarm(pair);
            }
            traffic.stopProducing();
            traffic.finish(60_000);
            assertEquals(List.of(), traffic.sendErrors(), "no send fails");
            assertEquals(List.of(), traffic.consumerErrors(), "no commit ends in doubt");
            assertEquals(Set.of(), traffic.missing(), "every message that was sent arrives");
            assertEquals(Map.of(), traffic.settledTwice(), "no message is committed twice");
            assertEquals(List.of(), traffic.unmarkedRepeats(), "a message seen again is marked redelivered");
            System.out.printf("PairFrozenActiveIT on %s: %d messages, %d rolled-back commits%n", pair.storeKind(),
                    traffic.returned().size(), traffic.rolledBackCommits());
        }
    }

    /** @return milliseconds from the freeze to the partner's active line */
    private long freezeAndExpectTakeoverWhileFrozen(PairProcesses pair) throws Exception {
        PairProcesses.Node old = pair.active();
        PairProcesses.Node next = pair.passive();
        int oldMark = old.mark();
        pair.freeze(old);
        long frozenAt = System.nanoTime();
        long activeAt = pair.awaitRole(next, "active", WAIT);
        long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(activeAt - frozenAt);
        assertTrue(takeoverMillis < FREEZE_MILLIS, next.name() + " took over only after " + takeoverMillis + " ms");
        sleepUntil(frozenAt, FREEZE_MILLIS);
        thawAndExpectFencing(pair, old, oldMark, next);
        return takeoverMillis;
    }

    private void freezeInsideAWriteAndExpectTheAlarm(PairProcesses pair) throws Exception {
        PairProcesses.Node old = pair.active();
        PairProcesses.Node next = pair.passive();
        int oldMark = old.mark();
        int nextMark = next.mark();
        long frozenAt = freezeInsideAWrite(pair, old);
        pair.awaitLine(next, nextMark, Pattern.compile("ALARM: taking over waits for the previous owner's open store"
                + " transaction"), WAIT);
        Cli.Result status = Cli.tandem(dir, "status", "--url", pair.url());
        assertTrue(status.out().contains("waiting for the frozen active's store transaction"), status.toString());
        assertEquals("passive", next.role(), "no server serves while the old one's transaction is open");
        sleepUntil(frozenAt, FREEZE_MILLIS);
        thawAndExpectFencing(pair, old, oldMark, next);
    }

    /** Freezes the server until a freeze catches it with a write transaction open (it holds a lock on the mark table). */
    private static long freezeInsideAWrite(PairProcesses pair, PairProcesses.Node node) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            pair.freeze(node);
            long frozenAt = System.nanoTime();
            if (markTableLocks(pair) > 0) {
                System.out.println("PairFrozenActiveIT: froze " + node.name() + " inside a write transaction: "
                        + lockRows(pair));
                return frozenAt;
            }
            pair.thaw(node);
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20));
        }
        throw new AssertionError("no freeze caught " + node.name() + " inside a write transaction");
    }

    private static List<String> lockRows(PairProcesses pair) throws Exception {
        List<String> rows = new ArrayList<>();
        try (java.sql.Connection c = pair.openStore(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT XID, TYPE, MODE, TABLENAME, LOCKNAME, STATE FROM SYSCS_DIAG.LOCK_TABLE")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " " + rs.getString(6));
            }
        }
        return rows;
    }

    private static int markTableLocks(PairProcesses pair) throws Exception {
        try (java.sql.Connection c = pair.openStore(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE"
                     + " WHERE TABLENAME = 'TQ_COMMIT_MARK' AND STATE = 'GRANT'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The resumed server fences itself and becomes passive; once its partner is active, no mark of
     * an older epoch is in the store (the partner removed those it found at its takeover; one
     * written after it would still be there).
     */
    private static void thawAndExpectFencing(PairProcesses pair, PairProcesses.Node old, int oldMark,
                                             PairProcesses.Node next) throws Exception {
        pair.thaw(old);
        pair.awaitRole(old, "passive", WAIT);
        pair.awaitRole(next, "active", WAIT);
        assertEquals(List.of("fenced", "passive"), old.rolesSince(oldMark), "the resumed server fenced itself");
        long epoch = pair.readLease().epoch();
        try (java.sql.Connection c = pair.openStore(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TQ_COMMIT_MARK WHERE EPOCH < " + epoch)) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no transaction of an older epoch was committed after the takeover");
        }
    }

    private static void sleepUntil(long sinceNanos, long millis) throws InterruptedException {
        long left = millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
