package io.tandemmq.bench;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a connection costs an application that opens one per message: {@code createConnection},
 * {@code start}, {@code close} in a loop against one broker on embedded Derby, first with no user in
 * its store (security off), then, after {@code user add} on the stopped broker's store, with a user
 * name and password (the broker checks them at every handshake).
 */
final class ConnectCost {
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";

    private final BenchOptions options;
    private final BrokerProcesses processes;
    private final Path work;
    private final Runs runs;

    ConnectCost(BenchOptions options, BrokerProcesses processes, Path work) {
        this.options = options;
        this.processes = processes;
        this.work = work;
        this.runs = new Runs(options);
    }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        try {
            Broker broker = processes.single("connect");
            results.add(measure(broker.url(), null, "no security"));
            processes.kill(broker);
            Path passwordFile = Files.writeString(work.resolve("connect-password"), PASSWORD);
            processes.runTool("connect-user-add", List.of("user", "add", USER, "--password-file", passwordFile.toString(),
                    "--roles", "bench", "--data", dataFolder(broker)));
            processes.start(broker);
            processes.awaitRole(broker, "active");
            results.add(measure(broker.url(), USER, "a user (password checked, --auth-cache-time default)"));
        } finally {
            processes.stopAll();
        }
        return results;
    }

    private static String dataFolder(Broker broker) {
        List<String> args = broker.args();
        return args.get(args.indexOf("--data") + 1);
    }

    private Result measure(String url, String user, String variant) throws Exception {
        TandemConnectionFactory factory = new TandemConnectionFactory(url);
        List<Double> millis = runs.repeat("connect " + variant, () -> once(factory, user));
        return new Result(Scenario.CONNECT.label, "single", variant, "ms per connection", Figures.of(millis));
    }

    /** Milliseconds per connection over one run. */
    private double once(TandemConnectionFactory factory, String user) throws Exception {
        Budget budget = options.budget();
        int n = 0;
        long start = System.nanoTime();
        while (budget.take()) {
            try (Connection c = user == null ? factory.createConnection() : factory.createConnection(user, PASSWORD)) {
                c.start();
            }
            n++;
        }
        return n == 0 ? 0 : (System.nanoTime() - start) / 1e6 / n;
    }
}
