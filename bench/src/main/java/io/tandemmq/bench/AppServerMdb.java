package io.tandemmq.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mdb} scenario: the same application in WildFly and in Payara Server, once with
 * Tandem's adapter against a Tandem pair and once with Artemis's adapter against one Artemis broker
 * (its file journal, or with {@code --mdb-artemis-store jdbc} its JDBC store on the Derby network
 * server of the pair's store), both deployed side by side in one server. The pair's store is a Derby
 * network server, or with {@code --mdb-tandem-store postgresql} the database of {@code --postgres}. A run sends N messages from
 * {@code --mdb-senders} HTTP requests in parallel, each message in a container-managed XA transaction
 * of its own, while the MDB consumes them with {@code --mdb-sessions} sessions, each delivery in a
 * container-managed XA transaction; the rate is N over the time from the first send to the last
 * commit the MDB counted. With the database row, the sending and the consuming transactions each
 * also insert a row through a Derby XA datasource, so that both are real two-phase commits.
 *
 * <p>Runs alternate between the adapters (which goes first alternates too), so that the machine's
 * drift touches both alike; the ratio of each pair of runs is kept and its median reported against
 * issue 15's target of 1.5.
 */
final class AppServerMdb {
    static final double TARGET = 1.5;
    private static final Pattern DERBY_PORT = Pattern.compile("^jdbc:derby://[^:/]+:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final long SETTLE_MILLIS = 500;

    private final BenchOptions options;
    private final BrokerProcesses processes;
    private final AppServerDistribution servers;

    AppServerMdb(BenchOptions options, BrokerProcesses processes) {
        this.options = options;
        this.processes = processes;
        this.servers = options.appServers;
    }

    /** One measured run: messages per second, and what the MDB counted. */
    private record Run(double rate, long distinct, long deliveries) { }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        try {
            BrokerProcesses.StoreServer store = processes.storeServer("mdb-store");
            int derbyPort = derbyPort(store.jdbcUrl());
            createAppDatabase(derbyPort);
            // the applications' database stays on the Derby server; the pair's store may be PostgreSQL
            String tandemUrl = (options.mdbTandemStore.equals("postgresql") ? processes.pair("mdb-pair", options.postgres)
                    : processes.pair("mdb-pair", store.process(), List.of("--store", store.jdbcUrl()))).url();
            int artemisPort = BrokerProcesses.freePorts(1)[0];
            // its file journal, or its JDBC store on the Derby network server the pair's store is on
            String artemisStore = options.mdbArtemisStore.equals("jdbc") ? ArtemisInstance.artemisDatabase(store.jdbcUrl()) : null;
            new ArtemisInstance(artemisPort, options.brokerHeap, artemisStore, options.artemisSyncPeriod)
                    .start(processes, options.artemis, "mdb-artemis");
            Map<MdbAdapter, Path> rars = new EnumMap<>(MdbAdapter.class);
            rars.put(MdbAdapter.TANDEM, servers.tandemRar());
            rars.put(MdbAdapter.ARTEMIS, ArtemisAdapterArchive.write(servers.artemisRaJars(), BrokerProcesses.HOST,
                    artemisPort, processes.folder("artemis-rar")));
            for (String name : options.appServerNames) {
                System.err.println("tandem-bench: mdb: starting " + name);
                try (AppServer server = start(name, tandemUrl)) {
                    Path apps = processes.folder(name + "-apps");
                    Map<MdbAdapter, URI> bench = new EnumMap<>(MdbAdapter.class);
                    for (MdbAdapter adapter : MdbAdapter.values()) {
                        server.deployAdapter(adapter, rars.get(adapter), tandemUrl);
                        MdbApplication app = new MdbApplication(name, adapter, server.factoryJndi(adapter),
                                options.mdbSessions, derbyPort, servers.derbyJars());
                        server.deployApplication(app.writeTo(apps));
                        bench.put(adapter, URI.create("http://" + BrokerProcesses.HOST + ":" + server.httpPort() + "/"
                                + app.contextRoot() + "/bench"));
                    }
                    for (boolean row : new boolean[] {false, true}) {
                        results.addAll(measure(name, bench, row));
                    }
                }
            }
        } finally {
            processes.stopAll();
        }
        return results;
    }

    private AppServer start(String name, String tandemUrl) throws IOException, InterruptedException {
        return switch (name) {
            case "wildfly" -> WildFlyServer.start(processes, servers.wildFlyHome(), tandemUrl);
            case "payara" -> PayaraServer.start(processes, servers.payaraHome());
            default -> throw new IllegalArgumentException("no application server " + name);
        };
    }

    private List<Result> measure(String server, Map<MdbAdapter, URI> bench, boolean row) throws Exception {
        String variant = row ? "with an XA database row" : "no database row";
        int n = messages();
        for (int w = 0; w < options.warmup; w++) {
            for (MdbAdapter adapter : MdbAdapter.values()) {
                runOnce(bench.get(adapter), n, row);
            }
        }
        Map<MdbAdapter, List<Double>> rates = new EnumMap<>(MdbAdapter.class);
        Map<MdbAdapter, long[]> wrong = new EnumMap<>(MdbAdapter.class);
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < options.runs; r++) {
            List<MdbAdapter> order = r % 2 == 0 ? List.of(MdbAdapter.TANDEM, MdbAdapter.ARTEMIS)
                    : List.of(MdbAdapter.ARTEMIS, MdbAdapter.TANDEM);
            Map<MdbAdapter, Double> pair = new EnumMap<>(MdbAdapter.class);
            for (MdbAdapter adapter : order) {
                Run run = runOnce(bench.get(adapter), n, row);
                System.err.printf(Locale.ROOT, "tandem-bench: mdb %s %s %s run %d: %.0f msg/s%n", server, adapter.label,
                        variant, r + 1, run.rate());
                pair.put(adapter, run.rate());
                rates.computeIfAbsent(adapter, a -> new ArrayList<>()).add(run.rate());
                long[] w = wrong.computeIfAbsent(adapter, a -> new long[2]);
                w[0] += n - run.distinct();
                w[1] += run.deliveries() - run.distinct();
            }
            ratios.add(pair.get(MdbAdapter.TANDEM) / pair.get(MdbAdapter.ARTEMIS));
        }
        List<Result> results = new ArrayList<>();
        for (MdbAdapter adapter : MdbAdapter.values()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("messages per run", n);
            details.put("lost", wrong.get(adapter)[0]);
            details.put("duplicated", wrong.get(adapter)[1]);
            results.add(new Result(Scenario.MDB.label, server + " " + label(adapter), variant, "msg/s",
                    Figures.of(rates.get(adapter)), details));
        }
        results.add(new Result(Scenario.MDB.label, server + " " + label(MdbAdapter.TANDEM) + "/" + label(MdbAdapter.ARTEMIS),
                variant, "x", Figures.of(ratios),
                Map.of("target", TARGET)));
        return results;
    }

    /** "artemis" with its journal, "artemis-jdbc" with its JDBC store. */
    private String label(MdbAdapter adapter) {
        if (adapter == MdbAdapter.TANDEM) {
            return options.mdbTandemStore.equals("postgresql") ? "tandem-postgresql" : adapter.label;
        }
        return options.mdbArtemisStore.equals("jdbc") ? "artemis-jdbc" : adapter.label;
    }

    private int messages() {
        return options.messages > 0 ? (int) Math.min(options.messages, Integer.MAX_VALUE) : options.mdbMessages;
    }

    /**
     * Sends {@code n} messages from the senders in parallel and waits until the MDB counted all of
     * them (or nothing more arrives for a while).
     */
    private Run runOnce(URI bench, int n, boolean row) throws Exception {
        get(bench, "op=reset&row=" + row);
        int senders = options.mdbSenders;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            long start = System.nanoTime();
            List<Future<String>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int from = (int) ((long) n * s / senders);
                int to = (int) ((long) n * (s + 1) / senders);
                sent.add(pool.submit(() -> get(bench, "op=send&from=" + from + "&to=" + to + "&row=" + row)));
            }
            long[] counts = awaitReceived(bench, n, sent);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Future<String> f : sent) {
                f.get();
            }
            Thread.sleep(SETTLE_MILLIS);
            long[] settled = received(bench);
            return new Run(counts[0] / seconds, settled[0], settled[1]);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls the MDB's count until it reached n; gives up when it stopped growing for a minute. */
    private long[] awaitReceived(URI bench, int n, List<Future<String>> sent) throws Exception {
        long[] counts = received(bench);
        long lastGrowth = System.nanoTime();
        long last = counts[0];
        while (counts[0] < n) {
            for (Future<String> f : sent) {
                if (f.isDone()) {
                    f.get();
                }
            }
            if (System.nanoTime() - lastGrowth > Duration.ofMinutes(1).toNanos()) {
                throw new IOException("the MDB counted " + counts[0] + " of " + n + " messages and nothing more for a minute");
            }
            Thread.sleep(20);
            counts = received(bench);
            if (counts[0] > last) {
                last = counts[0];
                lastGrowth = System.nanoTime();
            }
        }
        return counts;
    }

    /** {distinct texts, deliveries} the MDB counted in committed transactions. */
    private static long[] received(URI bench) throws IOException, InterruptedException {
        String[] parts = get(bench, "op=received").trim().split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private static String get(URI bench, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bench + "?" + query))
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(bench + "?" + query + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static int derbyPort(String jdbcUrl) {
        Matcher m = DERBY_PORT.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("not a Derby network server URL: " + jdbcUrl);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The applications' database, on the same Derby network server as the pair's store. */
    private static void createAppDatabase(int derbyPort) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:derby://" + BrokerProcesses.HOST + ":" + derbyPort
                + "/appdb;create=true");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE SENT (TEXT VARCHAR(40) NOT NULL)");
            s.execute("CREATE TABLE RECEIVED (TEXT VARCHAR(40) NOT NULL)");
        }
    }

    /** The table of ratios issue 15 asks for, from the results of the scenario (nothing when it did not run). */
    static void printRatios(List<Result> results, java.io.PrintStream out) {
        if (results.stream().noneMatch(r -> r.scenario().equals(Scenario.MDB.label) && r.unit().equals("x"))) {
            return;
        }
        out.println("Tandem's adapter vs Artemis's, MDB with one XA transaction per message (median of per-run ratios):");
        for (Result r : results) {
            if (r.scenario().equals(Scenario.MDB.label) && r.unit().equals("x")) {
                out.printf(Locale.ROOT, "  %s, %s: %.2fx (min %.2f, max %.2f; target %.1fx: %s)%n", r.setup(),
                        r.variant(), r.figures().median(), r.figures().min(), r.figures().max(), TARGET,
                        r.figures().median() >= TARGET ? "met" : "not met");
            }
        }
    }
}
