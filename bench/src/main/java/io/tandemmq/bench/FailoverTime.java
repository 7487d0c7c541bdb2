package io.tandemmq.bench;

import io.tandemmq.client.TandemConnectionFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failover time of a pair: while a producer sends numbered persistent messages, the active broker
 * is killed with SIGKILL, and the time from the kill to the first send accepted by the new active
 * server is taken (also the time to the new server's {@code active} line). The killed broker is
 * restarted as the passive one and the next kill hits the other. Afterwards the queue is drained
 * and every number checked: lost (the send returned, the message never came), duplicated (came
 * more than once) and in doubt (the send threw, so its outcome was not known to the producer).
 * A backlog of waiting messages in another queue stays in the store throughout, since a takeover
 * must load the waiting messages before it serves.
 */
final class FailoverTime {
    private static final String QUEUE = "bench.failover";
    private static final String BACKLOG_QUEUE = "bench.failover.backlog";
    /** Sends that must return between kills, so that every kill hits a pair under load. */
    private static final int SENDS_BETWEEN_KILLS = 200;
    private static final long WAIT_MILLIS = 120_000;

    private final BenchOptions options;
    private final BrokerProcesses processes;

    FailoverTime(BenchOptions options, BrokerProcesses processes) {
        this.options = options;
        this.processes = processes;
    }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        List<String> setups = options.postgres == null ? List.of("pair") : List.of("pair", "pair-postgresql");
        for (String setup : setups) {
            for (int backlog : options.failoverBacklogs) {
                try {
                    results.addAll(atBacklog(setup, backlog));
                } finally {
                    processes.stopAll();
                }
            }
        }
        return results;
    }

    private List<Result> atBacklog(String setup, int backlog) throws Exception {
        BrokerPair pair = setup.equals("pair") ? processes.pair("failover-" + backlog)
                : processes.pair("failover-pg-" + backlog, options.postgres);
        if (backlog > 0) {
            System.err.printf("  failover: building a backlog of %d messages%n", backlog);
            BacklogDrain.fill(new TandemConnectionFactory(pair.url()), BACKLOG_QUEUE, backlog);
        }
        List<Double> firstSend = new ArrayList<>();
        List<Double> takeover = new ArrayList<>();
        NumberedProducer producer = NumberedProducer.start(pair.url(), QUEUE);
        try {
            for (int kill = 1; kill <= options.kills; kill++) {
                producer.awaitReturned(producer.returnedCount() + SENDS_BETWEEN_KILLS, WAIT_MILLIS);
                killActive(pair, producer, firstSend, takeover);
                System.err.printf("  failover %s backlog %d: kill %d/%d: first send after %.0f ms, active line after %.0f ms%n",
                        setup, backlog, kill, options.kills, firstSend.get(kill - 1), takeover.get(kill - 1));
            }
            producer.awaitReturned(producer.returnedCount() + SENDS_BETWEEN_KILLS, WAIT_MILLIS);
        } finally {
            producer.close();
        }
        DeliveryCheck check = DeliveryCheck.of(producer.returned(), producer.threw(), drain(pair.url(), QUEUE, producer.returnedCount()));
        String variant = "backlog " + backlog + ", " + options.kills + (options.kills == 1 ? " kill" : " kills");
        return List.of(
                new Result(Scenario.FAILOVER.label, setup, variant + ", kill to first send accepted", "ms",
                        Figures.of(firstSend), check.toMap()),
                new Result(Scenario.FAILOVER.label, setup, variant + ", kill to new active line", "ms",
                        Figures.of(takeover)));
    }

    /** Takes every message off the queue; returns how often each {@link NumberedProducer} number arrived. */
    static Map<Integer, Integer> drain(String url, String queue, int returned) throws Exception {
        Map<Integer, Integer> arrived = new ConcurrentHashMap<>();
        try (QueueConsumers q = QueueConsumers.open(new TandemConnectionFactory(url), queue, 1,
                m -> arrived.merge(m.getIntProperty(NumberedProducer.SEQ), 1, Integer::sum))) {
            q.start();
            try {
                q.awaitReceived(returned, QueueConsumers.SILENCE_MILLIS);
            } catch (IOException someLost) {
                // the check counts them
            }
            // a little longer, for copies and in-doubt sends beyond the count
            q.awaitQuiet(2_000);
        }
        return arrived;
    }

    private void killActive(BrokerPair pair, NumberedProducer producer, List<Double> firstSend, List<Double> takeover)
            throws Exception {
        Broker victim = pair.active();
        Broker survivor = pair.other(victim);
        long killed = System.nanoTime();
        producer.watchFrom(killed);
        processes.kill(victim);
        firstSend.add(millis(producer.awaitFirstReturn(WAIT_MILLIS) - killed));
        processes.awaitRole(survivor, "active");
        takeover.add(millis(survivor.roleNanos() - killed));
        processes.start(victim);
        processes.awaitRole(victim, "passive");
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
