package io.tandemmq.broker.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.core.QueueCounts;
import io.tandemmq.broker.ha.PairFigures;
import io.tandemmq.broker.ha.ServerRole;
import io.tandemmq.broker.store.StoreObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's metrics in a Micrometer registry, scraped as Prometheus text at {@code /metrics}.
 * Every name starts with {@code tandem_} and carries the tag {@code server}. Store commits and
 * lease renewals are recorded as they happen; everything else is read from the latest
 * {@link BrokerFigures} and {@link PairFigures} when scraped, so that messaging never waits for
 * the metrics.
 */
public final class BrokerMeters implements StoreObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer commits;
    private final DistributionSummary groupSize;
    private final Timer leaseRenewals;
    private final Map<String, Counter> markReads = new HashMap<>();
    /** The meters of each destination, by kind and name, to remove when it goes. */
    private final Map<String, List<Meter>> destinationMeters = new HashMap<>();
    private volatile BrokerFigures figures = BrokerFigures.EMPTY;
    private volatile Map<String, QueueCounts> counts = Map.of();

    /**
     * @param pair what the pair node knows now
     * @param writerBacklog batches waiting for the store writers (0 while passive)
     * @param loginRefusals refused logins since the start
     */
    public BrokerMeters(String serverName, Supplier<PairFigures> pair, LongSupplier writerBacklog,
                        LongSupplier loginRefusals) {
        registry.config().commonTags("server", serverName);
        commits = Timer.builder("tandem.store.commit").description("Time to write and commit one group of batches")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        groupSize = DistributionSummary.builder("tandem.store.group.size").baseUnit("batches")
                .description("Batches of client requests committed together").register(registry);
        leaseRenewals = Timer.builder("tandem.lease.renewal").description("Time of one lease renewal in the store")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        for (String outcome : List.of("committed", "not committed", "unknown")) {
            markReads.put(outcome, Counter.builder("tandem.store.outcome.mark.reads").tag("outcome", outcome)
                    .description("Cut-off commits whose outcome mark was read").register(registry));
        }
        Gauge.builder("tandem.store.writer.queue", writerBacklog::getAsLong).baseUnit("batches")
                .description("Batches waiting for the store writers").register(registry);
        pairMeters(pair);
        Gauge.builder("tandem.connections", () -> figures.connections()).description("Client connections").register(registry);
        Gauge.builder("tandem.sessions", () -> figures.sessions()).description("Client sessions").register(registry);
        Gauge.builder("tandem.memory.used", () -> figures.memoryUsed()).baseUnit("bytes")
                .description("Message bodies held in memory").register(registry);
        Gauge.builder("tandem.memory.limit", () -> figures.memoryLimit()).baseUnit("bytes")
                .description("--max-memory").register(registry);
        FunctionCounter.builder("tandem.authentication.failures", loginRefusals, LongSupplier::getAsLong)
                .description("Logins refused: unknown user, wrong password, or none where one is needed")
                .register(registry);
    }

    private void pairMeters(Supplier<PairFigures> pair) {
        for (ServerRole r : ServerRole.values()) {
            Gauge.builder("tandem.server.role", () -> pair.get().role() == r ? 1 : 0).tag("role", r.label())
                    .description("1 for this server's current role, 0 for the others").register(registry);
        }
        Gauge.builder("tandem.server.epoch", () -> pair.get().epoch()).description("The lease epoch this server holds or held")
                .register(registry);
        FunctionCounter.builder("tandem.takeovers", pair, p -> p.get().takeovers())
                .description("Times this server took the lease").register(registry);
        FunctionCounter.builder("tandem.fencings", pair, p -> p.get().fencings())
                .description("Times this server fenced itself").register(registry);
        Gauge.builder("tandem.lease.age", () -> seconds(pair.get().leaseAgeMillis())).baseUnit("seconds")
                .description("Since the lease was last renewed, as this server knows it").register(registry);
        Gauge.builder("tandem.heartbeat.age", () -> seconds(pair.get().heartbeatAgeMillis())).baseUnit("seconds")
                .description("Since the partner's last heartbeat (NaN without a partner)").register(registry);
        Gauge.builder("tandem.heartbeat.link.up", () -> "up".equals(pair.get().link()) ? 1 : 0)
                .description("1 while the partner's heartbeats arrive").register(registry);
        Gauge.builder("tandem.store.healthy", () -> pair.get().storeHealthy() ? 1 : 0)
                .description("1 while the store answers the lease reads and renewals").register(registry);
    }

    private static double seconds(long millis) {
        return millis < 0 ? Double.NaN : millis / 1000.0;
    }

    @Override
    public void committed(long nanos, int batches, int operations) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
        groupSize.record(batches);
    }

    @Override
    public void outcomeMarkRead(String outcome) {
        Counter c = markReads.get(outcome);
        if (c != null) {
            c.increment();
        }
    }

    /** For {@link io.tandemmq.broker.ha.PairNode#onLeaseRenewed}. */
    public void leaseRenewed(long nanos) {
        leaseRenewals.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The destinations' figures now: meters are added for new destinations and removed for those
     * gone (also all of them when this server stops being active).
     */
    public synchronized void update(BrokerFigures now) {
        counts = now.countsByKey();
        figures = now;
        Set<String> gone = new HashSet<>(destinationMeters.keySet());
        gone.removeAll(counts.keySet());
        for (String key : gone) {
            destinationMeters.remove(key).forEach(registry::remove);
        }
        for (BrokerFigures.Destination d : now.destinations()) {
            destinationMeters.computeIfAbsent(d.key(), k -> register(k, d.kind(), d.name()));
        }
    }

    private List<Meter> register(String key, String kind, String name) {
        Tags tags = Tags.of("kind", kind, "name", name);
        List<Meter> meters = new ArrayList<>();
        meters.add(gauge("tandem.destination.depth", tags, key, QueueCounts::waiting, "Messages waiting"));
        meters.add(gauge("tandem.destination.in.flight", tags, key, QueueCounts::inDelivery,
                "Messages delivered and not yet acknowledged"));
        meters.add(gauge("tandem.destination.paged", tags, key, QueueCounts::paged,
                "Messages waiting whose body is only in the store (over --max-memory)"));
        meters.add(gauge("tandem.destination.consumers", tags, key, QueueCounts::consumers, "Consumers (a topic: subscribers)"));
        meters.add(counter("tandem.destination.enqueued", tags, key, QueueCounts::enqueued,
                "Messages added since this server became active"));
        meters.add(counter("tandem.destination.dequeued", tags, key, QueueCounts::consumed,
                "Messages acknowledged by consumers since this server became active"));
        meters.add(counter("tandem.destination.expired", tags, key, QueueCounts::expired, "Messages that expired"));
        meters.add(counter("tandem.destination.dead.lettered", tags, key, QueueCounts::deadLettered,
                "Messages moved to the dead-letter queue"));
        return meters;
    }

    private Gauge gauge(String name, Tags tags, String key, ToDoubleFunction<QueueCounts> value, String description) {
        return Gauge.builder(name, () -> value.applyAsDouble(countsOf(key))).tags(tags).description(description)
                .register(registry);
    }

    private FunctionCounter counter(String name, Tags tags, String key, Function<QueueCounts, Long> value,
                                    String description) {
        return FunctionCounter.builder(name, this, m -> value.apply(m.countsOf(key))).tags(tags)
                .description(description).register(registry);
    }

    private QueueCounts countsOf(String key) {
        return counts.getOrDefault(key, QueueCounts.NONE);
    }

    public long commitCount() {
        return commits.count();
    }

    public double commitMeanMillis() {
        return commits.mean(TimeUnit.MILLISECONDS);
    }

    /** The latest destinations' figures given to {@link #update}. */
    public BrokerFigures figures() {
        return figures;
    }

    /** Every metric as Prometheus text (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    public void close() {
        registry.close();
    }
}
