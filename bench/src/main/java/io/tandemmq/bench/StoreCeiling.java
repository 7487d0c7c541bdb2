package io.tandemmq.bench;

import io.tandemmq.broker.store.DerbyDialect;
import io.tandemmq.broker.store.StoreLocation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's ceiling: the broker's Derby setups (embedded in this process, and the network
 * server as a separate process) and, with {@code --postgres}, its PostgreSQL database, driven
 * directly with JDBC inserts of 1 KiB rows into the broker's
 * own message table, several threads each on its own connection, committing every row or every 64
 * rows as one batch. A broker cannot store persistent messages faster than this.
 */
final class StoreCeiling {
    /** {threads, rows per commit}. */
    private static final int[][] SHAPES = {{4, 1}, {4, 64}, {16, 64}};
    private static final String INSERT = "INSERT INTO TQ_MESSAGE (ID, QUEUE_KEY, MESSAGE_ID, PRIORITY, EXPIRATION,"
            + " DELIVERY_TIME, DELIVERY_COUNT, HEADERS, BODY_LENGTH, BODY) VALUES (?, ?, ?, 4, 0, 0, 0, ?, ?, ?)";
    /** About what the broker writes for a bytes message's headers and one property. */
    private static final byte[] HEADERS = new byte[128];
    private static final byte[] BODY = new byte[Senders.BODY_BYTES];

    private final BenchOptions options;
    private final BrokerProcesses processes;
    private final Path work;
    private final Runs runs;
    private final AtomicLong ids = new AtomicLong();

    StoreCeiling(BenchOptions options, BrokerProcesses processes, Path work) {
        this.options = options;
        this.processes = processes;
        this.work = work;
        this.runs = new Runs(options);
    }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        Path embedded = work.resolve("ceiling-embedded");
        // Derby writes derby.log into the working folder unless told otherwise
        System.setProperty("derby.stream.error.file", work.resolve("derby-embedded.log").toString());
        try {
            results.addAll(measure("embedded", StoreLocation.of("jdbc:derby:" + embedded + ";create=true", null, null)));
        } finally {
            DerbyDialect.INSTANCE.shutdown("jdbc:derby:" + embedded);
        }
        try {
            results.addAll(measure("network", StoreLocation.of(processes.storeServer("ceiling-store").jdbcUrl(), null, null)));
        } finally {
            processes.stopAll();
        }
        if (options.postgres != null) {
            options.postgres.reset();
            results.addAll(measure("postgresql", options.postgres.location()));
            options.postgres.reset();
        }
        return results;
    }

    private List<Result> measure(String setup, StoreLocation url) throws Exception {
        createTable(url);
        List<Result> results = new ArrayList<>();
        for (int[] shape : SHAPES) {
            int threads = shape[0];
            int perCommit = shape[1];
            String variant = threads + " threads, commit every " + (perCommit == 1 ? "row" : perCommit + " rows");
            Figures f = runs.figures("store " + setup + " " + variant, () -> insertOnce(url, threads, perCommit));
            results.add(new Result(Scenario.STORE.label, setup, variant, "rows/s", f));
        }
        return results;
    }

    /** The broker's own TQ_MESSAGE table and its indexes, from its SQL dialect. */
    private static void createTable(StoreLocation url) throws SQLException {
        try (Connection c = url.connect("bench"); Statement s = c.createStatement()) {
            for (String ddl : url.dialect().createSchema()) {
                if (ddl.contains(" TQ_MESSAGE ")) {
                    s.executeUpdate(ddl);
                }
            }
        }
    }

    private double insertOnce(StoreLocation url, int threads, int perCommit) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Connection c = url.connect("bench");
                c.setAutoCommit(false);
                connections.add(c);
            }
            AtomicLong rows = new AtomicLong();
            Budget budget = options.budget();
            long nanos = Workers.timed(threads, "inserter", i -> rows.addAndGet(insert(connections.get(i), budget, perCommit)));
            return Workers.perSecond(rows.get(), nanos);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            // an empty table for the next run, as a broker whose consumers keep up has
            try (Connection c = url.connect("bench"); Statement s = c.createStatement()) {
                s.executeUpdate("TRUNCATE TABLE TQ_MESSAGE");
            }
        }
    }

    private long insert(Connection c, Budget budget, int perCommit) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            while (budget.take()) {
                long id = ids.incrementAndGet();
                ps.setLong(1, id);
                ps.setString(2, "bench.store");
                ps.setString(3, "ID:bench-store:" + id);
                ps.setBytes(4, HEADERS);
                ps.setInt(5, BODY.length);
                ps.setBytes(6, BODY);
                ps.addBatch();
                if (++n % perCommit == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            if (n % perCommit != 0) {
                ps.executeBatch();
            }
            // also when this thread inserted nothing: Derby's client refuses to close a connection in a transaction
            c.commit();
        }
        return n;
    }
}
