package io.tandemmq.bench;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backlog larger than the broker's heap: one broker started with {@code -Xmx256m} holds
 * {@code --large-backlog} persistent 1 KiB messages on one queue (its window in memory, the rest in
 * the store only). Each run measures persistent sends by 4 producers into an empty queue and into
 * the full one, and a drain of {@code --backlog} messages by 4 DUPS_OK consumers from the full
 * queue and from a second broker that holds its whole backlog in memory ({@code --queue-window}
 * large, its default heap). The order alternates between runs, so drift falls on both sides; the
 * figures that matter are the medians of the per-run ratios. The takeover time with a backlog is
 * the failover scenario's ({@code --failover-backlogs}).
 */
final class LargeBacklog {
    private static final String SMALL_HEAP = "256m";
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int FILL_PRODUCERS = 16;
    private static final int FILL_COMMIT_EVERY = 250;
    private static final String FULL_QUEUE = "backlog-full";
    private static final long SETTLE_MILLIS = 3_000;

    private final BenchOptions options;
    private final BrokerProcesses processes;

    LargeBacklog(BenchOptions options, BrokerProcesses processes) {
        this.options = options;
        this.processes = processes;
    }

    List<Result> run() throws Exception {
        try {
            int[] ports = BrokerProcesses.freePorts(2);
            Broker paged = processes.single("backlog-paged", ports[0], SMALL_HEAP, List.of());
            Broker inMemory = processes.single("backlog-in-memory", ports[1],
                    List.of("--queue-window", "10000000"));
            ConnectionFactory pagedFactory = new TandemConnectionFactory(paged.url());
            ConnectionFactory inMemoryFactory = new TandemConnectionFactory(inMemory.url());

            System.err.printf("  backlog: filling %s with %,d messages%n", FULL_QUEUE, options.largeBacklog);
            Senders.Sent filled;
            try (Senders senders = Senders.open(pagedFactory, FULL_QUEUE, FILL_PRODUCERS, true, FILL_COMMIT_EVERY)) {
                filled = senders.run(Budget.ofMessages(options.largeBacklog));
            }
            double liveMegabytes = liveHeapAfterFullGc(paged.process().pid()) / (1024.0 * 1024.0);
            System.err.printf("  backlog: filled at %s msg/s; live heap %.1f MB%n", ResultTable.number(filled.perSecond()),
                    liveMegabytes);

            SendThroughput send = new SendThroughput(options);
            int[] round = {0};
            List<Round> rounds = new Runs(options).repeat("backlog", () -> {
                boolean emptyFirst = round[0]++ % 2 == 0;
                Callable<Double> empty = () -> settled(() -> send.persistentRun(pagedFactory, PRODUCERS, options.budget()));
                Callable<Double> full = () -> settled(() -> sendInto(pagedFactory, FULL_QUEUE));
                Callable<Double> fromBacklog = () -> settled(() -> drain(pagedFactory, FULL_QUEUE));
                Callable<Double> fromMemory = () -> drainInMemory(inMemoryFactory);
                if (emptyFirst) {
                    double e = empty.call();
                    double f = full.call();
                    double b = fromBacklog.call();
                    return new Round(e, f, fromMemory.call(), b);
                }
                double f = full.call();
                double e = empty.call();
                double m = fromMemory.call();
                return new Round(e, f, m, fromBacklog.call());
            });
            return results(rounds, filled, liveMegabytes);
        } finally {
            processes.stopAll();
        }
    }

    private List<Result> results(List<Round> rounds, Senders.Sent filled, double liveMegabytes) {
        String label = Scenario.BACKLOG.label;
        String setup = "single -Xmx" + SMALL_HEAP;
        String waiting = String.format("%,d waiting", options.largeBacklog);
        List<Result> results = new ArrayList<>();
        results.add(new Result(label, setup, "filling it, " + FILL_PRODUCERS + " transacted producers", "msg/s",
                Figures.of(List.of(filled.perSecond()))));
        results.add(new Result(label, setup, "live heap after a full GC, " + waiting, "MB",
                Figures.of(List.of(liveMegabytes))));
        results.add(new Result(label, setup, PRODUCERS + " producers into an empty queue", "msg/s",
                Figures.of(rounds.stream().map(Round::sendEmpty).toList())));
        results.add(new Result(label, setup, PRODUCERS + " producers into the queue with " + waiting, "msg/s",
                Figures.of(rounds.stream().map(Round::sendFull).toList())));
        results.add(new Result(label, setup, "send into the full queue as % of into an empty one (per run)", "%",
                Figures.of(rounds.stream().map(r -> percent(r.sendFull(), r.sendEmpty())).toList())));
        String drained = String.format("%,d messages, %d consumers, DUPS_OK", options.backlog, CONSUMERS);
        results.add(new Result(label, "single, all in memory", "drain " + drained, "msg/s",
                Figures.of(rounds.stream().map(Round::drainInMemory).toList())));
        results.add(new Result(label, setup, "drain " + drained + " from the queue with " + waiting, "msg/s",
                Figures.of(rounds.stream().map(Round::drainBacklog).toList())));
        results.add(new Result(label, setup, "drain from the backlog as % of the in-memory drain (per run)", "%",
                Figures.of(rounds.stream().map(r -> percent(r.drainBacklog(), r.drainInMemory())).toList())));
        return results;
    }

    private static double percent(double part, double whole) {
        return whole == 0 ? 0 : 100 * part / whole;
    }

    /** Persistent sends into the full queue for one run's budget; they stay there. */
    private double sendInto(ConnectionFactory factory, String queue) throws Exception {
        try (Senders senders = Senders.open(factory, queue, PRODUCERS, true, 0)) {
            return senders.run(options.budget()).perSecond();
        }
    }

    private double drain(ConnectionFactory factory, String queue) throws Exception {
        try (QueueConsumers q = QueueConsumers.open(factory, queue, CONSUMERS, Session.DUPS_OK_ACKNOWLEDGE, m -> { })) {
            q.start();
            return Workers.perSecond(options.backlog, q.awaitReceived(options.backlog, QueueConsumers.SILENCE_MILLIS));
        }
    }

    /** Fills a fresh queue of the in-memory broker outside the timing, then drains it. */
    private double drainInMemory(ConnectionFactory factory) throws Exception {
        String queue = Target.freshQueue("backlog-memory");
        BacklogDrain.fill(factory, queue, options.backlog);
        return settled(() -> drain(factory, queue));
    }

    /**
     * Measures after a pause: on two cores the store of a broker that just took or wrote 100,000
     * messages goes on working for a few seconds (Derby's checkpoint), and the next measurement,
     * whichever it was, came out up to half as fast.
     */
    private static double settled(Callable<Double> measurement) throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        return measurement.call();
    }

    /** Heap in use after a full collection, as {@code jcmd GC.heap_info} shows it. */
    static long liveHeapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher m = Pattern.compile("(?m)^\\s*(\\S.*?)\\s+total \\d+K, used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        long used = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(2)) << 10;
        }
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    /** One run's four figures, in msg/s. */
    private record Round(double sendEmpty, double sendFull, double drainInMemory, double drainBacklog) {
        @Override
        public String toString() {
            return "send empty " + ResultTable.number(sendEmpty) + ", full " + ResultTable.number(sendFull)
                    + "; drain in memory " + ResultTable.number(drainInMemory) + ", from the backlog "
                    + ResultTable.number(drainBacklog) + " msg/s";
        }
    }
}
