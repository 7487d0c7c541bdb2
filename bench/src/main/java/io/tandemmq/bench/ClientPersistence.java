package io.tandemmq.bench;

import io.tandemmq.client.TandemConnection;
import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.offline.OfflineStatus;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client-side persistence: persistent sends while no server can be reached (each returns once its
 * message is fsync'd in the producer's local store), then how fast the stored messages reach a
 * broker once it is active. Each producer has its own connection and store directory; each run
 * starts from empty directories and a broker that is not there yet.
 */
final class ClientPersistence {
    private static final int[] PRODUCERS = {1, 4};
    private static final long FORWARD_LIMIT_MILLIS = 600_000;

    private final BenchOptions options;
    private final BrokerProcesses processes;
    private final Path work;
    private final Runs runs;
    private final AtomicInteger runCount = new AtomicInteger();

    ClientPersistence(BenchOptions options, BrokerProcesses processes, Path work) {
        this.options = options;
        this.processes = processes;
        this.work = work;
        this.runs = new Runs(options);
    }

    /** What one run measured: the offline send rate and the forwarding rate, in msg/s. */
    private record Rates(double offlineSends, double forwarding) {
        @Override
        public String toString() {
            return ResultTable.number(offlineSends) + " offline, " + ResultTable.number(forwarding) + " forwarding";
        }
    }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        for (int producers : PRODUCERS) {
            String variant = producers + " producer" + (producers == 1 ? "" : "s");
            List<Rates> measured = runs.repeat("offline " + variant, () -> once(producers));
            results.add(new Result(Scenario.OFFLINE.label, "single", variant + ", offline send", "msg/s",
                    Figures.of(measured.stream().map(Rates::offlineSends).toList())));
            results.add(new Result(Scenario.OFFLINE.label, "single", variant + ", forwarding", "msg/s",
                    Figures.of(measured.stream().map(Rates::forwarding).toList())));
        }
        return results;
    }

    private Rates once(int producers) throws Exception {
        int port = BrokerProcesses.freePorts(1)[0];
        Path dirs = Files.createDirectories(work.resolve("offline-" + runCount.incrementAndGet()));
        // the producers close before the broker stops, so that they do not fail over to nothing
        try (Senders senders = Senders.open(i -> new TandemConnectionFactory("tandem://127.0.0.1:" + port
                + "?clientPersistence=" + dirs.resolve("producer-" + i)), "bench.offline", producers, true, 0)) {
            Senders.Sent sent = senders.run(options.budget());
            processes.single("offline-broker-" + runCount.get(), port);
            // from the broker's "active" line: its start-up is not the client's forwarding
            long started = System.nanoTime();
            awaitForwarded(senders.connections());
            return new Rates(sent.perSecond(), Workers.perSecond(sent.messages(), System.nanoTime() - started));
        } finally {
            processes.stopAll();
        }
    }

    private static void awaitForwarded(List<Connection> connections) throws JMSException, InterruptedException {
        long deadline = System.nanoTime() + FORWARD_LIMIT_MILLIS * 1_000_000;
        while (waiting(connections) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("messages still waiting in the local stores after "
                        + FORWARD_LIMIT_MILLIS / 1000 + " s");
            }
            Thread.sleep(5);
        }
    }

    private static long waiting(List<Connection> connections) {
        long n = 0;
        for (Connection c : connections) {
            n += ((TandemConnection) c).clientPersistence().map(OfflineStatus::waitingMessages).orElse(0);
        }
        return n;
    }
}
