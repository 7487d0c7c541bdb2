package io.tandemmq.bench;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Draining a backlog of persistent 1 KiB messages, in messages per second from the consumers'
 * start to the last message. The backlog is built before each run by four producers, outside the
 * timing.
 *
 * <p>AUTO_ACKNOWLEDGE with 1 and 4 consumers, and DUPS_OK_ACKNOWLEDGE with 4: Tandem's AUTO mode
 * stores the acknowledgement before {@code receive} returns, while other brokers' clients (Artemis)
 * acknowledge AUTO deliveries in the background, as Tandem does in DUPS_OK mode; the DUPS_OK row
 * compares like with like.
 */
final class BacklogDrain {
    private record Variant(int consumers, int acknowledgeMode, String label) { }

    private static final List<Variant> VARIANTS = List.of(
            new Variant(1, Session.AUTO_ACKNOWLEDGE, "1 consumer"),
            new Variant(4, Session.AUTO_ACKNOWLEDGE, "4 consumers"),
            new Variant(4, Session.DUPS_OK_ACKNOWLEDGE, "4 consumers, DUPS_OK"));
    private static final int FILL_PRODUCERS = 4;

    private final BenchOptions options;
    private final Runs runs;

    BacklogDrain(BenchOptions options) {
        this.options = options;
        this.runs = new Runs(options);
    }

    List<Result> run(Target target) throws Exception {
        List<Result> results = new ArrayList<>();
        for (Variant v : VARIANTS) {
            String variant = options.backlog + " messages, " + v.label();
            Figures f = runs.figures("drain " + target.setup() + " " + variant, () -> drainOnce(target, v));
            results.add(new Result(Scenario.DRAIN.label, target.setup(), variant, "msg/s", f));
        }
        return results;
    }

    private double drainOnce(Target target, Variant v) throws Exception {
        String queue = Target.freshQueue("drain");
        fill(target.factory(), queue, options.backlog);
        try (QueueConsumers q = QueueConsumers.open(target.factory(), queue, v.consumers(), v.acknowledgeMode(), m -> { })) {
            q.start();
            return Workers.perSecond(options.backlog, q.awaitReceived(options.backlog, QueueConsumers.SILENCE_MILLIS));
        }
    }

    /** Sends {@code count} persistent messages with several producers. */
    static void fill(ConnectionFactory factory, String queue, long count) throws Exception {
        try (Senders senders = Senders.open(factory, queue, FILL_PRODUCERS, true, 0)) {
            senders.run(Budget.ofMessages(count));
        }
    }

    /** Takes {@code count} messages off the queue, so that later runs start on a small store. */
    static void empty(ConnectionFactory factory, String queue, long count) throws Exception {
        try (QueueConsumers q = QueueConsumers.open(factory, queue, FILL_PRODUCERS)) {
            q.start();
            q.awaitReceived(count, QueueConsumers.SILENCE_MILLIS);
        }
    }
}
