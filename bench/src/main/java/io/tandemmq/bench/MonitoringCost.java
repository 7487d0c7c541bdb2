package io.tandemmq.bench;

import io.tandemmq.client.TandemConnectionFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the monitoring port costs messaging: persistent sends by 4 producers to two brokers on
 * embedded Derby started side by side, one without {@code --http-port} and one with it, the
 * latter scraped at {@code /metrics} and watched at {@code /api/status} once a second each during
 * its runs (a Prometheus far more eager than its default 15 s, and an open console). Runs alternate
 * between the two (off first, then on first) so that drift of the machine falls on both; the
 * figure that matters is the median of the per-pair ratios on/off.
 */
final class MonitoringCost {
    private static final int PRODUCERS = 4;

    private final BenchOptions options;
    private final BrokerProcesses processes;

    MonitoringCost(BenchOptions options, BrokerProcesses processes) {
        this.options = options;
        this.processes = processes;
    }

    List<Result> run() throws Exception {
        try {
            int[] ports = BrokerProcesses.freePorts(3);
            Broker off = processes.single("monitoring-off", ports[0]);
            Broker on = processes.single("monitoring-on", ports[1], List.of("--http-port", String.valueOf(ports[2])));
            SendThroughput send = new SendThroughput(options);
            TandemConnectionFactory offFactory = new TandemConnectionFactory(off.url());
            TandemConnectionFactory onFactory = new TandemConnectionFactory(on.url());
            int[] round = {0};
            List<OffOn> pairs = new Runs(options).repeat("monitoring off/on", () -> {
                java.util.concurrent.Callable<Double> offRun = () -> send.persistentRun(offFactory, PRODUCERS, options.budget());
                java.util.concurrent.Callable<Double> onRun = () -> watched(ports[2],
                        () -> send.persistentRun(onFactory, PRODUCERS, options.budget()));
                if (round[0]++ % 2 == 0) {
                    double offRate = offRun.call();
                    return new OffOn(offRate, onRun.call());
                }
                double onRate = onRun.call();
                return new OffOn(offRun.call(), onRate);
            });
            List<Double> offRates = new ArrayList<>();
            List<Double> onRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (OffOn p : pairs) {
                offRates.add(p.off());
                onRates.add(p.on());
                ratios.add(p.off() == 0 ? 0 : 100 * p.on() / p.off());
            }
            String label = Scenario.MONITORING.label;
            return List.of(
                    new Result(label, "single", PRODUCERS + " producers, no --http-port", "msg/s", Figures.of(offRates)),
                    new Result(label, "single", PRODUCERS + " producers, --http-port scraped and watched every second",
                            "msg/s", Figures.of(onRates)),
                    new Result(label, "single", "on as % of off (per alternating pair of runs)", "%", Figures.of(ratios)));
        } finally {
            processes.stopAll();
        }
    }

    /** One pair of runs, in msg/s. */
    private record OffOn(double off, double on) {
        @Override
        public String toString() {
            return "off " + ResultTable.number(off) + ", on " + ResultTable.number(on) + " msg/s";
        }
    }

    /** Runs the sends while a scraper and a console poll the broker's HTTP port once a second each. */
    private static double watched(int httpPort, java.util.concurrent.Callable<Double> sends) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong failures = new AtomicLong();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String path : List.of("/metrics", "/api/status")) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + path)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
        }, "monitoring-poller");
        poller.setDaemon(true);
        poller.start();
        try {
            return sends.call();
        } finally {
            poller.interrupt();
            poller.join(5000);
            if (failures.get() > 0) {
                System.err.println("  monitoring: " + failures.get() + " HTTP requests failed during the run");
            }
        }
    }
}
