package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that keep working while the active broker of a pair is killed: every persistent
 * message whose send returned arrives exactly once (transacted consumer) or at least once with
 * repeats marked redelivered (CLIENT_ACKNOWLEDGE), no send throws, no commit ends "unknown".
 * Failover times (kill to the first send accepted by the new active server) are printed.
 */
class PairClientFailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long FINISH_MILLIS = 120_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void activeKilledDuringTransactedConsume_everyMessageArrivesOnce() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir);
             FailoverTraffic traffic = new FailoverTraffic(pair.url(), "fo-tx", FailoverTraffic.Mode.TRANSACTED, 1500)) {
            traffic.start();
            traffic.awaitSent(500, 60_000);
            long killed = killActive(pair);
            traffic.finish(FINISH_MILLIS);
            report("transacted", List.of(traffic.firstSendAfter(killed)));
            assertExactlyOnce(traffic);
        }
    }

    @Test
    void activeKilledDuringClientAcknowledgeConsume_noneLost_andRepeatsAreMarkedRedelivered() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir);
             FailoverTraffic traffic = new FailoverTraffic(pair.url(), "fo-client", FailoverTraffic.Mode.CLIENT_ACKNOWLEDGE, 1500)) {
            traffic.start();
            traffic.awaitSent(500, 60_000);
            long killed = killActive(pair);
            traffic.finish(FINISH_MILLIS);
            report("client-acknowledge", List.of(traffic.firstSendAfter(killed)));
            assertEquals(List.of(), traffic.sendErrors(), "no send throws at failover");
            assertEquals(List.of(), traffic.consumerErrors());
            assertEquals(Collections.emptySet(), traffic.missing(), "every message whose send returned arrives");
            assertEquals(List.of(), traffic.unmarkedRepeats(), "a message seen twice carries JMSRedelivered");
        }
    }

    @Test
    void repeatedFailover_fiveKillsWithRestarts_countsStayExact() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir);
             FailoverTraffic traffic = new FailoverTraffic(pair.url(), "fo-repeat", FailoverTraffic.Mode.TRANSACTED, 4000)) {
            traffic.start();
            List<Long> failoverMillis = new ArrayList<>();
            for (int kill = 1; kill <= 5; kill++) {
                traffic.awaitSent(kill * 600, 60_000);
                PairProcesses.Node victim = pair.active();
                long killed = killActive(pair);
                traffic.awaitSent(kill * 600 + 50, 60_000);
                failoverMillis.add(traffic.firstSendAfter(killed));
                pair.restart(victim);
                pair.awaitRole(victim, "passive", WAIT);
            }
            traffic.finish(FINISH_MILLIS);
            report("repeated", failoverMillis);
            assertExactlyOnce(traffic);
        }
    }

    @Test
    void switchoverUnderLoad_noClientSeesAnException_andNothingIsLostOrDuplicated() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir);
             FailoverTraffic traffic = new FailoverTraffic(pair.url(), "fo-switch", FailoverTraffic.Mode.TRANSACTED, 1500)) {
            traffic.start();
            traffic.awaitSent(500, 60_000);
            PairProcesses.Node before = pair.active();
            PairProcesses.Node after = pair.other(before);
            Cli.Result switched = Cli.tandem(dir, "switchover", "--url", pair.url());
            assertEquals(0, switched.exitCode(), switched.toString());
            pair.awaitRole(after, "active", WAIT);
            traffic.finish(FINISH_MILLIS);
            assertExactlyOnce(traffic);
            assertEquals(0, traffic.rolledBackCommits(), "a switchover lets open transactions finish first");
        }
    }

    /** SIGKILL of the active broker; returns the kill time (System.nanoTime). */
    private static long killActive(PairProcesses pair) throws Exception {
        PairProcesses.Node victim = pair.active();
        long killed = System.nanoTime();
        pair.kill(victim);
        pair.awaitRole(pair.other(victim), "active", WAIT);
        return killed;
    }

    static void assertExactlyOnce(FailoverTraffic traffic) {
        assertEquals(List.of(), traffic.sendErrors(), "no send throws at failover");
        assertEquals(List.of(), traffic.consumerErrors(), "no commit ends with an unknown outcome");
        assertEquals(Collections.emptySet(), traffic.missing(), "every message whose send returned arrives");
        assertEquals(Map.of(), traffic.settledTwice(), "no message is committed twice");
        assertTrue(traffic.returned().size() > traffic.total() / 2, "traffic went on after the failover");
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("PairClientFailoverIT %s: failover (kill -> first send accepted by the new active) ms = %s,"
                + " median %d%n", what, millis, sorted.get(sorted.size() / 2));
    }
}
