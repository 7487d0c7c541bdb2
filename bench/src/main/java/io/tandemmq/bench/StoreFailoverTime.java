package io.tandemmq.bench;

import io.tandemmq.it.ReplicatedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Failover of the database under a pair: a PostgreSQL primary with a synchronous streaming standby
 * (private servers on free ports, started by this tool), the pair on a URL naming both hosts. While
 * a producer sends numbered persistent messages, every process of the primary is killed with
 * SIGKILL and the standby promoted at once with {@code pg_ctl promote}, as a failover manager
 * does, leaving out the manager's own detection time. Taken: the time from the kill to the first
 * send begun after it that returned, and from the end of the promotion to it (what the brokers
 * add; clients need not reconnect, since the active server may stay active). The
 * dead server is then rebuilt as the new primary's standby (not timed) and the next kill hits the
 * other. Afterwards every number is checked: lost, duplicated, in doubt.
 */
final class StoreFailoverTime {
    private static final String QUEUE = "bench.store-failover";
    private static final String SETUP = "pair-postgresql-replicated";
    private static final int SENDS_BETWEEN_KILLS = 200;
    private static final long WAIT_MILLIS = 120_000;

    private final BenchOptions options;
    private final BrokerProcesses processes;
    private final Path work;

    StoreFailoverTime(BenchOptions options, BrokerProcesses processes, Path work) {
        this.options = options;
        this.processes = processes;
        this.work = work;
    }

    List<Result> run() throws Exception {
        System.err.println("tandem-bench: starting a PostgreSQL primary with a synchronous standby");
        try (ReplicatedPostgres db = ReplicatedPostgres.start(Files.createDirectories(work.resolve("postgres")))) {
            BrokerPair pair = processes.pair("store-failover", List.of("--store", db.jdbcUrl(),
                    "--store-user", db.primary().user(), "--store-password-file", db.primary().passwordFile().toString()));
            try {
                return measure(db, pair);
            } finally {
                processes.stopAll();
            }
        }
    }

    private List<Result> measure(ReplicatedPostgres db, BrokerPair pair) throws Exception {
        List<Double> fromKill = new ArrayList<>();
        List<Double> fromPromotion = new ArrayList<>();
        List<Double> promotion = new ArrayList<>();
        NumberedProducer producer = NumberedProducer.start(pair.url(), QUEUE);
        try {
            for (int kill = 1; kill <= options.kills; kill++) {
                producer.awaitReturned(producer.returnedCount() + SENDS_BETWEEN_KILLS, WAIT_MILLIS);
                db.killPrimary();
                // when every process of the primary is gone: a send begun before may still have been stored
                long killed = System.nanoTime();
                producer.watchSendsFrom(killed);
                long promoting = System.nanoTime();
                db.failOver();
                long promoted = System.nanoTime();
                long firstSend = producer.awaitFirstReturn(WAIT_MILLIS);
                fromKill.add(millis(firstSend - killed));
                fromPromotion.add(Math.max(0, millis(firstSend - promoted)));
                promotion.add(millis(promoted - promoting));
                System.err.printf("  store-failover: kill %d/%d: promotion took %.0f ms, first send %.0f ms after the kill%n",
                        kill, options.kills, promotion.get(kill - 1), fromKill.get(kill - 1));
                db.rebuildStandby();
            }
            producer.awaitReturned(producer.returnedCount() + SENDS_BETWEEN_KILLS, WAIT_MILLIS);
        } finally {
            producer.close();
        }
        DeliveryCheck check = DeliveryCheck.of(producer.returned(), producer.threw(), FailoverTime.drain(pair.url(), QUEUE, producer.returnedCount()));
        String kills = options.kills + (options.kills == 1 ? " kill" : " kills");
        return List.of(
                new Result(Scenario.STORE_FAILOVER.label, SETUP, kills + ", primary kill to first send accepted", "ms",
                        Figures.of(fromKill), check.toMap()),
                new Result(Scenario.STORE_FAILOVER.label, SETUP, kills + ", pg_ctl promote", "ms", Figures.of(promotion)),
                new Result(Scenario.STORE_FAILOVER.label, SETUP, kills + ", promotion done to first send accepted", "ms",
                        Figures.of(fromPromotion)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
