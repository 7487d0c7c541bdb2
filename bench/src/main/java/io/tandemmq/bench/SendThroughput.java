package io.tandemmq.bench;

import jakarta.jms.ConnectionFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Send throughput in messages per second: persistent synchronous sends with 1, 4 and 16
 * producers, a transacted producer committing every 100, and synchronous non-persistent sends
 * with 1 and 4 producers. Each run uses
 * a fresh queue, emptied afterwards outside the timing so that the store does not grow from run
 * to run.
 */
final class SendThroughput {
    private static final int[] PERSISTENT_PRODUCERS = {1, 4, 16};
    private static final int[] NON_PERSISTENT_PRODUCERS = {1, 4};
    private static final int COMMIT_EVERY = 100;
    /** 100 MiB of 1 KiB messages: well below the memory of a broker with the default 512m heap. */
    private static final long NON_PERSISTENT_CAP = 100_000;

    private final BenchOptions options;
    private final Runs runs;

    SendThroughput(BenchOptions options) {
        this.options = options;
        this.runs = new Runs(options);
    }

    List<Result> persistent(Target target) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int producers : PERSISTENT_PRODUCERS) {
            String variant = producers + (producers == 1 ? " producer" : " producers");
            Figures f = runs.figures("send " + target.setup() + " " + variant,
                    () -> sendAndEmpty(target.factory(), producers, true, 0, options.budget()));
            results.add(new Result(Scenario.SEND.label, target.setup(), variant, "msg/s", f));
        }
        return results;
    }

    Result transacted(Target target) throws Exception {
        String variant = "1 producer, commit every " + COMMIT_EVERY;
        Figures f = runs.figures("transacted " + target.setup(),
                () -> sendAndEmpty(target.factory(), 1, true, COMMIT_EVERY, options.budget()));
        return new Result(Scenario.TRANSACTED.label, target.setup(), variant, "msg/s", f);
    }

    /**
     * Non-persistent sends through the target's blocking factory, so that each one waits for
     * the broker's answer as a persistent send does and the two compare: the difference is the
     * store. A run sends at most {@link #NON_PERSISTENT_CAP} messages, since with no consumer they
     * stay in the broker's memory, which refuses non-persistent messages once it is full.
     */
    List<Result> nonPersistent(Target target) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int producers : NON_PERSISTENT_PRODUCERS) {
            String variant = producers + (producers == 1 ? " producer" : " producers");
            Figures f = runs.figures("non-persistent " + target.setup() + " " + variant,
                    () -> sendAndEmpty(target.blockingNonPersistent(), producers, false, 0,
                            options.budget().atMost(NON_PERSISTENT_CAP)));
            results.add(new Result(Scenario.NON_PERSISTENT.label, target.setup(), variant, "msg/s", f));
        }
        return results;
    }

    /** One run: persistent sends by {@code producers} for the budget, then the queue emptied; msg/s. */
    double persistentRun(ConnectionFactory factory, int producers, Budget budget) throws Exception {
        return sendAndEmpty(factory, producers, true, 0, budget);
    }

    private double sendAndEmpty(ConnectionFactory factory, int producers, boolean persistent, int commitEvery,
            Budget budget) throws Exception {
        String queue = Target.freshQueue("send");
        Senders.Sent sent;
        try (Senders senders = Senders.open(factory, queue, producers, persistent, commitEvery)) {
            sent = senders.run(budget);
        }
        BacklogDrain.empty(factory, queue, sent.messages());
        return sent.perSecond();
    }
}
