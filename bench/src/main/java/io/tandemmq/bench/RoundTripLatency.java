package io.tandemmq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Round-trip latency of persistent 1 KiB messages: one producer and one consumer on separate
 * connections; each message is sent only after the previous one arrived, so that the figure is a
 * message's way through the broker and its store, not time spent waiting in a queue.
 */
final class RoundTripLatency {
    private static final long RECEIVE_TIMEOUT_MILLIS = 30_000;
    private static final byte[] BODY = new byte[Senders.BODY_BYTES];

    private final BenchOptions options;
    private final Runs runs;

    RoundTripLatency(BenchOptions options) {
        this.options = options;
        this.runs = new Runs(options);
    }

    List<Result> run(Target target) throws Exception {
        List<Percentiles> percentiles = runs.repeat("latency " + target.setup(), () -> new Percentiles(once(target)));
        String variant = "persistent, 1 producer, 1 consumer";
        return List.of(
                new Result(Scenario.LATENCY.label, target.setup(), variant + ", p50", "ms",
                        Figures.of(percentiles.stream().map(Percentiles::p50).toList())),
                new Result(Scenario.LATENCY.label, target.setup(), variant + ", p99", "ms",
                        Figures.of(percentiles.stream().map(Percentiles::p99).toList())));
    }

    /** The round trips of one run in nanoseconds, sorted. */
    private long[] once(Target target) throws Exception {
        String queue = Target.freshQueue("latency");
        ConnectionFactory factory = target.factory();
        try (Connection out = factory.createConnection(); Connection in = factory.createConnection()) {
            Session sending = out.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = sending.createProducer(sending.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Session receiving = in.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = receiving.createConsumer(receiving.createQueue(queue));
            in.start();
            long[] samples = new long[1024];
            int n = 0;
            Budget budget = options.budget();
            while (budget.take()) {
                long start = System.nanoTime();
                BytesMessage m = sending.createBytesMessage();
                m.writeBytes(BODY);
                producer.send(m);
                if (consumer.receive(RECEIVE_TIMEOUT_MILLIS) == null) {
                    throw new IOException("a message did not come back within " + RECEIVE_TIMEOUT_MILLIS + " ms");
                }
                samples = n == samples.length ? Arrays.copyOf(samples, n * 2) : samples;
                samples[n++] = System.nanoTime() - start;
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** p50 and p99 of one run, in milliseconds. */
    private record Percentiles(double p50, double p99) {
        Percentiles(long[] sortedNanos) {
            this(Figures.percentile(sortedNanos, 50) / 1e6, Figures.percentile(sortedNanos, 99) / 1e6);
        }

        @Override
        public String toString() {
            return String.format("p50 %.2f ms, p99 %.2f ms", p50, p99);
        }
    }
}
