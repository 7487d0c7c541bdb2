package io.tandemmq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, validated: every problem is collected and reported at once, each with its
 * option name.
 */
final class BenchOptions {
    static final String USAGE = """
            usage: java -jar bench/target/tandem-bench.jar [options]
              --scenarios LIST        comma-separated, default all: send,transacted,non-persistent,drain,latency,failover,store,offline,connect,
                                      monitoring;
                                      only when named: store-failover (it starts PostgreSQL servers of its own
                                      from Debian's postgresql package, run as user postgres when root), backlog
                                      (fills a store with --large-backlog messages), mdb (WildFly and Payara,
                                      Tandem's adapter against Artemis's; needs mvn -P artemis,appservers)
              --setups LIST           broker setups for send..latency: single,pair,pair-postgresql,artemis-jdbc,
                                      artemis-jdbc-postgresql,artemis-journal (default single,pair; the artemis
                                      ones need mvn -P artemis, the postgresql ones --postgres; see docs/benchmarks.md)
              --runs N                measured runs per figure (default 5)
              --warmup N              unmeasured runs before them (default 1)
              --duration SECONDS      length of one run (default 5)
              --messages N            messages per run instead of a time (round trips for latency, rows for store)
              --backlog N             messages in the backlog the drain scenario drains, and the backlog
                                      scenario per run (default 20000)
              --large-backlog N       messages waiting in the backlog scenario's queue (default 2000000)
              --kills N               kills per failover backlog, and database primary kills of store-failover (default 5)
              --failover-backlogs L   waiting messages during the kills, comma-separated (default 0,100000)
              --broker-heap SIZE      -Xmx of each broker process (default 512m)
              --store-writers N       --store-writers of each Tandem broker (default the broker's own)
              --broker-jar FILE       default broker/target/tandem-broker.jar
              --work DIR              data and logs of the processes (default a new temporary folder, removed on success)
              --out FILE              the JSON report (default bench-results.json)
              --artemis DIR           what mvn -P artemis unpacked (default bench/target/artemis)
              --artemis-sync-period MS  jdbc-journal-sync-period of artemis-jdbc (default Artemis's own, 5)
              --postgres JDBC_URL     a PostgreSQL database for the benchmark alone (its TQ_ tables are dropped
                                      before each setup): adds the setup pair-postgresql and the store
                                      ceiling on it; the failover scenario then also runs on it
              --postgres-user NAME    its user
              --postgres-password-file FILE  its user's password
              --app-servers LIST      for the mdb scenario: wildfly,payara (default both)
              --mdb-messages N        messages per run of the mdb scenario (default 2000; --messages also sets it)
              --mdb-senders N         parallel sending requests of the mdb scenario (default 4)
              --mdb-sessions N        the MDB's concurrent sessions, maxSession of both adapters (default 4)
              --mdb-artemis-store S   the mdb scenario's Artemis broker: journal (its file journal, default) or jdbc
                                      (its JDBC store on the Derby network server of Tandem's pair)
              --mdb-tandem-store S    the mdb scenario's Tandem pair: derby (a Derby network server, default) or
                                      postgresql (the database of --postgres)
              --appservers DIR        what mvn -P appservers unpacked (default bench/target/appservers)
              --tandem-rar FILE       Tandem's adapter for the mdb scenario (default rar/target/tandem-rar.rar)
            """;

    List<Scenario> scenarios = java.util.Arrays.stream(Scenario.values()).filter(Scenario::byDefault).toList();
    static final List<String> SETUPS = List.of("single", "pair", "pair-postgresql", "artemis-jdbc", "artemis-jdbc-postgresql",
            "artemis-journal");
    List<String> setups = List.of("single", "pair");
    int runs = 5;
    int warmup = 1;
    long durationMillis = 5_000;
    long messages;
    int backlog = 20_000;
    int largeBacklog = 2_000_000;
    int kills = 5;
    List<Integer> failoverBacklogs = List.of(0, 100_000);
    String brokerHeap = "512m";
    /** 0: the broker's default. */
    int storeWriters;
    Path brokerJar;
    Path work;
    Path out = Path.of("bench-results.json");
    Path artemisRoot;
    /** Found when an Artemis setup is chosen, else null. */
    ArtemisDistribution artemis;
    /** 0: Artemis's default. */
    int artemisSyncPeriod;
    /** From --postgres, or null. */
    PostgresStore postgres;
    private String postgresUrl;
    private String postgresUser;
    private Path postgresPasswordFile;
    static final List<String> APP_SERVERS = List.of("wildfly", "payara");
    List<String> appServerNames = APP_SERVERS;
    int mdbMessages = 2_000;
    int mdbSenders = 4;
    int mdbSessions = 4;
    String mdbArtemisStore = "journal";
    String mdbTandemStore = "derby";
    Path appServersRoot;
    Path tandemRar;
    /** Found when the mdb scenario is chosen, else null. */
    AppServerDistribution appServers;
    /** The arguments as given, for the report. */
    List<String> arguments = List.of();

    /** @throws UsageException naming every bad option */
    static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        o.arguments = List.of(args);
        List<String> errors = new ArrayList<>();
        Map<String, String> given = pairs(args, errors);
        given.forEach((name, value) -> o.apply(name, value, errors));
        if (given.containsKey("--duration") && given.containsKey("--messages")) {
            errors.add("--duration and --messages: give one of them");
        }
        o.brokerJar = given.containsKey("--broker-jar") ? o.brokerJar : besideProject(Path.of("broker", "target", "tandem-broker.jar"));
        o.artemisRoot = given.containsKey("--artemis") ? o.artemisRoot : besideProject(Path.of("bench", "target", "artemis"));
        o.appServersRoot = given.containsKey("--appservers") ? o.appServersRoot
                : besideProject(Path.of("bench", "target", "appservers"));
        o.tandemRar = given.containsKey("--tandem-rar") ? o.tandemRar : besideProject(Path.of("rar", "target", "tandem-rar.rar"));
        o.findArtemis(errors);
        o.findAppServers(errors);
        o.findPostgres(errors);
        // every scenario starts processes of the broker jar (the store scenario its store server)
        if (!Files.isRegularFile(o.brokerJar)) {
            errors.add("--broker-jar: " + o.brokerJar + " does not exist; build it with mvn -DskipTests package");
        }
        if (!errors.isEmpty()) {
            throw new UsageException(errors);
        }
        return o;
    }

    private static Map<String, String> pairs(String[] args, List<String> errors) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException(List.of());
            }
            if (!name.startsWith("--")) {
                errors.add(name + ": not an option");
            } else if (i + 1 >= args.length) {
                errors.add(name + ": needs a value");
            } else if (given.put(name, args[++i]) != null) {
                errors.add(name + ": given twice");
            }
        }
        return given;
    }

    private void apply(String name, String value, List<String> errors) {
        try {
            switch (name) {
                case "--scenarios" -> scenarios = scenarioList(value);
                case "--setups" -> setups = setupList(value);
                case "--runs" -> runs = positive(value, 1);
                case "--warmup" -> warmup = positive(value, 0);
                case "--duration" -> durationMillis = positive(value, 1) * 1000L;
                case "--messages" -> messages = positive(value, 1);
                case "--backlog" -> backlog = positive(value, 1);
                case "--large-backlog" -> largeBacklog = positive(value, 1);
                case "--kills" -> kills = positive(value, 1);
                case "--failover-backlogs" -> failoverBacklogs = intList(value);
                case "--broker-heap" -> brokerHeap = heap(value);
                case "--store-writers" -> storeWriters = positive(value, 1);
                case "--broker-jar" -> brokerJar = Path.of(value);
                case "--work" -> work = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--artemis" -> artemisRoot = Path.of(value);
                case "--artemis-sync-period" -> artemisSyncPeriod = positive(value, 1);
                case "--postgres" -> postgresUrl = postgresUrl(value);
                case "--postgres-user" -> postgresUser = value;
                case "--postgres-password-file" -> postgresPasswordFile = Path.of(value);
                case "--app-servers" -> appServerNames = appServerList(value);
                case "--mdb-messages" -> mdbMessages = positive(value, 1);
                case "--mdb-senders" -> mdbSenders = positive(value, 1);
                case "--mdb-sessions" -> mdbSessions = positive(value, 1);
                case "--mdb-artemis-store" -> mdbArtemisStore = oneOf(value, List.of("journal", "jdbc"));
                case "--mdb-tandem-store" -> mdbTandemStore = oneOf(value, List.of("derby", "postgresql"));
                case "--appservers" -> appServersRoot = Path.of(value);
                case "--tandem-rar" -> tandemRar = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option");
            }
        } catch (IllegalArgumentException e) {
            errors.add(name + " " + value + ": " + e.getMessage());
        }
    }

    private static List<Scenario> scenarioList(String value) {
        List<Scenario> list = new ArrayList<>();
        for (String label : items(value)) {
            list.add(Scenario.named(label).orElseThrow(() -> new IllegalArgumentException("no scenario " + label)));
        }
        return List.copyOf(list);
    }

    private static List<String> setupList(String value) {
        List<String> list = items(value);
        for (String s : list) {
            if (!SETUPS.contains(s)) {
                throw new IllegalArgumentException("no setup " + s + " (" + String.join(", ", SETUPS) + ")");
            }
        }
        return list;
    }

    private static List<String> appServerList(String value) {
        List<String> list = items(value);
        for (String s : list) {
            if (!APP_SERVERS.contains(s)) {
                throw new IllegalArgumentException("no application server " + s + " (" + String.join(", ", APP_SERVERS) + ")");
            }
        }
        return list;
    }

    private static String oneOf(String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static List<Integer> intList(String value) {
        return items(value).stream().map(v -> positive(v, 0)).toList();
    }

    private static List<String> items(String value) {
        List<String> list = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("empty list");
        }
        return list;
    }

    private static int positive(String value, int least) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
        if (n < least) {
            throw new IllegalArgumentException("must be at least " + least);
        }
        return n;
    }

    private static String heap(String value) {
        if (!value.matches("[1-9][0-9]*[kmgKMG]")) {
            throw new IllegalArgumentException("a size such as 256m or 1g");
        }
        return value;
    }

    private static String postgresUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
        }
        return value;
    }

    private void findPostgres(List<String> errors) {
        if (postgresUrl == null) {
            for (String needsIt : List.of("pair-postgresql", "artemis-jdbc-postgresql")) {
                if (setups.contains(needsIt)) {
                    errors.add("--setups " + needsIt + ": needs --postgres JDBC_URL (a database for the benchmark alone)");
                }
            }
            if (has(Scenario.MDB) && mdbTandemStore.equals("postgresql")) {
                errors.add("--mdb-tandem-store postgresql: needs --postgres JDBC_URL (a database for the benchmark alone)");
            }
            if (postgresUser != null || postgresPasswordFile != null) {
                errors.add("--postgres-user, --postgres-password-file: need --postgres JDBC_URL");
            }
            return;
        }
        String password = null;
        if (postgresPasswordFile != null) {
            try {
                password = Files.readAllLines(postgresPasswordFile).stream().findFirst().orElse("");
            } catch (java.io.IOException e) {
                errors.add("--postgres-password-file: cannot read " + postgresPasswordFile + ": " + e.getMessage());
                return;
            }
        }
        postgres = new PostgresStore(postgresUrl, postgresUser, postgresPasswordFile, password);
    }

    /** Only when a scenario runs on an Artemis setup: the distribution is an optional build. */
    private void findArtemis(List<String> errors) {
        boolean wanted = setups.stream().anyMatch(s -> s.startsWith("artemis-"))
                && scenarios.stream().anyMatch(Scenario::needsBrokerSetup) || has(Scenario.MDB);
        if (!wanted) {
            return;
        }
        try {
            artemis = ArtemisDistribution.in(artemisRoot);
        } catch (IllegalArgumentException e) {
            errors.add("--artemis: " + e.getMessage() + "; " + ArtemisDistribution.BUILD_HINT);
        }
    }

    /** Only for the mdb scenario: the servers are an optional build. */
    private void findAppServers(List<String> errors) {
        if (!has(Scenario.MDB)) {
            return;
        }
        try {
            appServers = AppServerDistribution.in(appServersRoot, tandemRar);
        } catch (IllegalArgumentException e) {
            errors.add("--appservers, --tandem-rar: " + e.getMessage() + "; " + AppServerDistribution.BUILD_HINT);
        }
    }

    /** A path of the project below the working folder if it is there, else next to this jar's module. */
    private static Path besideProject(Path relative) {
        if (Files.exists(relative)) {
            return relative;
        }
        try {
            Path self = Path.of(BenchOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // bench/target/tandem-bench.jar -> the project root is two folders up
            Path root = self.getParent() == null ? null : self.getParent().getParent().getParent();
            return root == null ? relative : root.resolve(relative);
        } catch (Exception e) {
            return relative;
        }
    }

    boolean has(Scenario s) {
        return scenarios.contains(s);
    }

    /** A fresh budget for one run: {@code --messages} or {@code --duration}. */
    Budget budget() {
        return messages > 0 ? Budget.ofMessages(messages) : Budget.ofMillis(durationMillis);
    }

    /** How one run ends, for the report. */
    String workload() {
        return messages > 0 ? messages + " messages per run" : durationMillis / 1000 + " s per run";
    }

    /** Raised for bad options; no errors means help was asked for. */
    static final class UsageException extends IllegalArgumentException {
        final List<String> errors;

        UsageException(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }
    }
}
