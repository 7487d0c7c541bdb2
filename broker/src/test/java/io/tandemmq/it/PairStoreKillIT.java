package io.tandemmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store server killed (SIGKILL; on PostgreSQL every process of it at once) in the middle of
 * commits, five times, under a persistent producer and a transacted consumer: commits cut off by
 * the kill are settled from their commit marks, never guessed. Every message of a committed
 * transaction is consumed once and never comes again; every message of a rolled-back one comes
 * again; no commit ends in doubt; and no send that was reported failed was stored.
 */
class PairStoreKillIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int KILLS = 5;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void storeKilledFiveTimesDuringCommits_everyOutcomeIsTheTrueOne() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir);
             FailoverTraffic traffic = new FailoverTraffic(pair.url(), "store-kill-q", FailoverTraffic.Mode.TRANSACTED,
                     Integer.MAX_VALUE)) {
            traffic.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                traffic.awaitSent(traffic.returned().size() + 100 + ThreadLocalRandom.current().nextInt(50),
                        WAIT.toMillis());
                pair.killStore();
                Thread.sleep(ThreadLocalRandom.current().nextInt(100, 600));
                pair.restartStore();
                PairProcesses.Node active = pair.awaitActive(WAIT);
                System.out.printf("PairStoreKillIT on %s: kill %d, then %s active%n", pair.storeKind(), kill,
                        active.name());
            }
            traffic.awaitSent(traffic.returned().size() + 100, WAIT.toMillis());
            traffic.stopProducing();
            traffic.finish(90_000);

            assertEquals(List.of(), traffic.consumerErrors(), "no commit ends in doubt");
            assertEquals(Set.of(), traffic.missing(), "every message whose send returned is consumed");
            assertEquals(Map.of(), traffic.settledTwice(), "no message is committed twice");
            assertEquals(List.of(), traffic.unmarkedRepeats(), "a message seen again is marked redelivered");
            Set<Integer> failedButStored = new TreeSet<>(traffic.failedSends());
            failedButStored.retainAll(traffic.seen());
            assertEquals(Set.of(), failedButStored, "no send reported failed was stored");
            assertTrue(traffic.returned().size() > KILLS * 100, "traffic went on between the kills");
            System.out.printf("PairStoreKillIT on %s: %d messages sent, %d sends failed (not stored), %d commits"
                    + " rolled back%n", pair.storeKind(), traffic.returned().size(), traffic.failedSends().size(),
                    traffic.rolledBackCommits());
        }
    }
}
