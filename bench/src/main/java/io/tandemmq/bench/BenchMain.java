package io.tandemmq.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code java -jar bench/target/tandem-bench.jar [options]}: starts brokers as separate processes,
 * runs the chosen scenarios, prints a table and writes a JSON report (after every scenario, so
 * that a failure keeps what was measured). Exit codes: 0 done, 1 a scenario failed, 2 bad usage.
 */
public final class BenchMain {
    /**
     * The client logs every failover step at INFO; the failover scenario causes dozens, which would
     * bury the progress lines. Held here so that the setting is not garbage collected.
     */
    private static final Logger CLIENT_LOG = Logger.getLogger("io.tandemmq");
    private final BenchOptions options;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, Object> about;

    private BenchMain(BenchOptions options) {
        this.options = options;
        this.about = about(options);
    }

    public static void main(String[] args) {
        CLIENT_LOG.setLevel(Level.WARNING);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            e.errors.forEach(error -> System.err.println("tandem-bench: " + error));
            (e.errors.isEmpty() ? System.out : System.err).print(BenchOptions.USAGE);
            System.exit(e.errors.isEmpty() ? 0 : 2);
            return;
        }
        System.exit(new BenchMain(options).run());
    }

    private int run() {
        boolean done = false;
        Path work = null;
        try {
            work = options.work != null ? Files.createDirectories(options.work) : Files.createTempDirectory("tandem-bench");
            System.err.println("tandem-bench: processes' data and logs in " + work);
            try (BrokerProcesses processes = new BrokerProcesses(work, options.brokerJar, options.brokerHeap,
                    options.storeWriters)) {
                runAll(processes, work);
            }
            done = true;
        } catch (Exception e) {
            System.err.println("tandem-bench: failed: " + e);
            e.printStackTrace();
        }
        ResultTable.print(results, System.out);
        Comparison.print(Comparison.of(results), System.out);
        AppServerMdb.printRatios(results, System.out);
        System.out.println("report: " + options.out.toAbsolutePath());
        finish(work, done);
        return done ? 0 : 1;
    }

    private void runAll(BrokerProcesses processes, Path work) throws Exception {
        if (options.scenarios.stream().anyMatch(Scenario::needsBrokerSetup)) {
            BrokerSetups setups = new BrokerSetups(processes, options);
            for (String setup : options.setups) {
                onSetup(processes, setups, setup);
            }
        }
        if (options.has(Scenario.FAILOVER)) {
            record(new FailoverTime(options, processes).run());
        }
        if (options.has(Scenario.STORE_FAILOVER)) {
            record(new StoreFailoverTime(options, processes, work).run());
        }
        if (options.has(Scenario.STORE)) {
            record(new StoreCeiling(options, processes, work).run());
        }
        if (options.has(Scenario.OFFLINE)) {
            record(new ClientPersistence(options, processes, work).run());
        }
        if (options.has(Scenario.CONNECT)) {
            record(new ConnectCost(options, processes, work).run());
        }
        if (options.has(Scenario.BACKLOG)) {
            record(new LargeBacklog(options, processes).run());
        }
        if (options.has(Scenario.MONITORING)) {
            record(new MonitoringCost(options, processes).run());
        }
        if (options.has(Scenario.MDB)) {
            record(new AppServerMdb(options, processes).run());
        }
    }

    /** Scenarios 1 to 5 against one broker setup, started for them and stopped afterwards. */
    private void onSetup(BrokerProcesses processes, BrokerSetups setups, String setup) throws Exception {
        System.err.println("tandem-bench: starting the " + setup + " setup");
        try {
            Target target = setups.start(setup);
            SendThroughput send = new SendThroughput(options);
            if (options.has(Scenario.SEND)) {
                record(send.persistent(target));
            }
            if (options.has(Scenario.TRANSACTED)) {
                record(List.of(send.transacted(target)));
            }
            if (options.has(Scenario.NON_PERSISTENT)) {
                record(send.nonPersistent(target));
            }
            if (options.has(Scenario.DRAIN)) {
                record(new BacklogDrain(options).run(target));
            }
            if (options.has(Scenario.LATENCY)) {
                record(new RoundTripLatency(options).run(target));
            }
        } finally {
            processes.stopAll();
        }
    }

    private void record(List<Result> more) throws IOException {
        results.addAll(more);
        List<Comparison.Ratio> ratios = Comparison.of(results);
        if (!ratios.isEmpty()) {
            about.put(Comparison.TANDEM + " vs " + Comparison.ARTEMIS, Comparison.toMap(ratios));
        }
        JsonReport.write(options.out, about, results);
    }

    private void finish(Path work, boolean done) {
        try {
            JsonReport.write(options.out, about, results);
        } catch (IOException e) {
            System.err.println("tandem-bench: cannot write " + options.out + ": " + e);
        }
        if (work == null) {
            return;
        }
        if (done && options.work == null) {
            deleteTree(work);
        } else {
            System.err.println("tandem-bench: processes' data and logs kept in " + work);
        }
    }

    private static Map<String, Object> about(BenchOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("command", "java -jar bench/target/tandem-bench.jar " + String.join(" ", o.arguments));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("load average at start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("broker heap", o.brokerHeap);
        m.put("store writers", o.storeWriters == 0 ? "broker default" : String.valueOf(o.storeWriters));
        m.put("workload", o.workload());
        m.put("warm-up runs", o.warmup);
        m.put("message body bytes", Senders.BODY_BYTES);
        if (o.artemis != null) {
            m.put("artemis", o.artemis.version());
            m.put("artemis jdbc-journal-sync-period ms", o.artemisSyncPeriod > 0 ? o.artemisSyncPeriod : "default");
        }
        if (o.has(Scenario.MDB)) {
            m.put("mdb", o.mdbMessages + " messages per run, " + o.mdbSenders + " senders, maxSession " + o.mdbSessions
                    + ", servers " + String.join(",", o.appServerNames) + ", Artemis store " + o.mdbArtemisStore + ", Tandem store " + o.mdbTandemStore);
        }
        Map<String, Object> scenarios = new LinkedHashMap<>();
        o.scenarios.forEach(s -> scenarios.put(s.label, s.description));
        m.put("scenarios", scenarios);
        return m;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("tandem-bench: could not remove " + root + ": " + e);
        }
    }
}
