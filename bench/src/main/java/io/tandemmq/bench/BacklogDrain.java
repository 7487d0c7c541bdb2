package io.tandemmq.bench;

import jakarta.jms.ConnectionFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Draining a backlog of persistent 1 KiB messages with AUTO_ACKNOWLEDGE consumers, in messages
 * per second from the consumers' start to the last message. The backlog is built before each run
 * by four producers, outside the timing.
 */
final class BacklogDrain {
    private static final int[] CONSUMERS = {1, 4};
    private static final int FILL_PRODUCERS = 4;

    private final BenchOptions options;
    private final Runs runs;

    BacklogDrain(BenchOptions options) {
        this.options = options;
        this.runs = new Runs(options);
    }

    List<Result> run(Target target) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int consumers : CONSUMERS) {
            String variant = options.backlog + " messages, " + consumers + (consumers == 1 ? " consumer" : " consumers");
            Figures f = runs.figures("drain " + target.setup() + " " + variant, () -> drainOnce(target, consumers));
            results.add(new Result(Scenario.DRAIN.label, target.setup(), variant, "msg/s", f));
        }
        return results;
    }

    private double drainOnce(Target target, int consumers) throws Exception {
        String queue = Target.freshQueue("drain");
        fill(target.factory(), queue, options.backlog);
        try (QueueConsumers q = QueueConsumers.open(target.factory(), queue, consumers)) {
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
