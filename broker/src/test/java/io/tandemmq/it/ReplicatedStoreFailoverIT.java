package io.tandemmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pair on a replicated PostgreSQL (a primary with a synchronous standby, one URL naming both):
 * the database primary killed with SIGKILL and the standby promoted with {@code pg_ctl promote},
 * as a failover manager does, five times under transacted, client-acknowledge and XA traffic (each
 * XA message consumed and inserted into a Derby table in one two-phase commit). The
 * brokers carry on by themselves (no restart), commits cut by the primary's death are settled
 * from their marks on the promoted server, and nothing acknowledged is lost.
 */
class ReplicatedStoreFailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ROUNDS = 5;
    /** Enough for the XA consumer (one two-phase commit per message) to be busy through the rounds. */
    private static final int XA_MESSAGES = 1_500;
    /** The bound: serving again within 5 s of the promotion. */
    private static final long SERVING_AGAIN_MILLIS = 5_000;
    private static final long STANDBY_DOWN_MILLIS = 8_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void databasePrimaryKilledAndStandbyPromoted_fiveTimes_noSendThrows_nothingAcknowledgedIsLost() throws Exception {
        List<String> xaTexts = PairJms.texts("replicated-xa", XA_MESSAGES);
        try (PairProcesses pair = PairProcesses.start(StoreKind.POSTGRESQL_REPLICATED, dir, storeArgs -> { });
             DerbyXa xaTable = new DerbyXa(dir.resolve("xa-db")).createTable();
             FailoverTraffic transacted = new FailoverTraffic(pair.url(), "replicated-tx", FailoverTraffic.Mode.TRANSACTED,
                     Integer.MAX_VALUE);
             FailoverTraffic clientAck = new FailoverTraffic(pair.url(), "replicated-ack",
                     FailoverTraffic.Mode.CLIENT_ACKNOWLEDGE, Integer.MAX_VALUE)) {
            ReplicatedPostgres db = pair.replicated();
            PairJms.sendPersistent(pair.url(), "replicated-xa", xaTexts);
            XaConsumeTraffic xa = new XaConsumeTraffic(pair.url(), "replicated-xa", xaTable).start();
            for (PairProcesses.Node n : List.of(pair.a(), pair.b())) {
                assertTrue(n.linesSince(0).stream().noneMatch(l -> l.contains("has no synchronous standby")),
                        "a store with a synchronous standby is used without a warning: " + n.tail(20));
            }
            transacted.start();
            clientAck.start();
            List<Long> servingAgain = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                transacted.awaitSent(transacted.returned().size() + 100, WAIT.toMillis());
                db.killPrimary();
                // a failover manager notices the death before it promotes
                Thread.sleep(ThreadLocalRandom.current().nextInt(200, 800));
                db.failOver();
                long promoted = System.nanoTime();
                transacted.awaitSent(transacted.returned().size() + 20, WAIT.toMillis());
                long ms = transacted.firstSendAfter(promoted);
                servingAgain.add(ms);
                System.out.printf("ReplicatedStoreFailoverIT: round %d, first send %d ms after the promotion, %s active%n",
                        round, ms, pair.awaitActive(WAIT).name());
                db.rebuildStandby();
            }
            transacted.awaitSent(transacted.returned().size() + 100, WAIT.toMillis());
            transacted.stopProducing();
            clientAck.stopProducing();
            transacted.finish(90_000);
            clientAck.finish(90_000);
            xa.finishAndRecover(180_000);

            for (FailoverTraffic t : List.of(transacted, clientAck)) {
                assertEquals(List.of(), t.sendErrors(), "no send throws");
                assertEquals(List.of(), t.consumerErrors(), "no commit or acknowledgement ends in doubt");
                assertEquals(Set.of(), t.missing(), "every message whose send returned is consumed");
                assertEquals(List.of(), t.unmarkedRepeats(), "a message seen again is marked redelivered");
            }
            assertEquals(Map.of(), transacted.settledTwice(), "no message is committed twice");
            assertEquals(List.of(), xa.errors());
            PairJms.assertExactlyOnce(xaTexts.stream().sorted().toList(), xa.rows());
            assertTrue(PairJms.receiveAll(pair.url(), "replicated-xa", 0).isEmpty(), "no XA message is left or comes again");
            for (long ms : servingAgain) {
                assertTrue(ms >= 0 && ms <= SERVING_AGAIN_MILLIS, "serving again within 5 s of each promotion: "
                        + servingAgain + "\n" + pair.describe());
            }
            System.out.printf("ReplicatedStoreFailoverIT: %d + %d messages sent, %d commits rolled back, %d XA transactions"
                    + " committed and %d rolled back at a failover; first send after each promotion (ms): %s%n",
                    transacted.returned().size(), clientAck.returned().size(), transacted.rolledBackCommits(),
                    xa.committed(), xa.failedTransactions(), servingAgain);
        }
    }
    /**
     * The synchronous standby killed for 8 s: the primary holds every commit until it is back, by
     * design. Clients' sends and commits wait (none fails, none is lost or doubled); the pair
     * keeps its roles (lease renewals do not wait for the standby) and the active server says why
     * in one alarm line, and one more when commits flow again.
     */
    @Test
    void synchronousStandbyKilled_writesWaitUntilItIsBack_noTakeover_nothingLost() throws Exception {
        try (PairProcesses pair = PairProcesses.start(StoreKind.POSTGRESQL_REPLICATED, dir, storeArgs -> { });
             FailoverTraffic transacted = new FailoverTraffic(pair.url(), "standby-down-tx", FailoverTraffic.Mode.TRANSACTED,
                     Integer.MAX_VALUE)) {
            ReplicatedPostgres db = pair.replicated();
            transacted.start();
            transacted.awaitSent(100, WAIT.toMillis());
            PairProcesses.Node active = pair.active();
            int activeMark = active.mark();
            int passiveMark = pair.other(active).mark();

            db.standby().kill();
            Thread.sleep(STANDBY_DOWN_MILLIS);
            db.standby().restart();
            long back = System.nanoTime();
            transacted.awaitSent(transacted.returned().size() + 100, WAIT.toMillis());
            long resumedMillis = transacted.firstSendAfter(back);
            transacted.stopProducing();
            transacted.finish(90_000);

            assertEquals(List.of(), transacted.sendErrors(), "no send throws");
            assertEquals(List.of(), transacted.consumerErrors(), "no commit ends in doubt");
            assertEquals(Set.of(), transacted.missing(), "every message whose send returned is consumed");
            assertEquals(Map.of(), transacted.settledTwice(), "no message is committed twice");
            assertEquals(List.of(), active.rolesSince(activeMark), "the active server stays active: " + active.tail(30));
            assertEquals(List.of(), pair.other(active).rolesSince(passiveMark), "no takeover");
            List<String> lines = active.linesSince(activeMark);
            assertTrue(lines.stream().anyMatch(l -> l.contains("ALARM: a store commit has waited")), active.tail(30));
            assertTrue(lines.stream().anyMatch(l -> l.contains("store commits flow again")), active.tail(30));
            assertTrue(resumedMillis >= 0 && resumedMillis <= SERVING_AGAIN_MILLIS,
                    "sends go on within 5 s of the standby's return: " + resumedMillis + " ms");
            System.out.printf("ReplicatedStoreFailoverIT: standby away %d ms, first send %d ms after its return%n",
                    STANDBY_DOWN_MILLIS, resumedMillis);
        }
    }
}
