package io.tandemmq.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Send throughput in messages per second: persistent synchronous sends with 1, 4 and 16
 * producers, a transacted producer committing every 100, and non-persistent sends. Each run uses
 * a fresh queue, emptied afterwards outside the timing so that the store does not grow from run
 * to run.
 */
final class SendThroughput {
    private static final int[] PERSISTENT_PRODUCERS = {1, 4, 16};
    private static final int[] NON_PERSISTENT_PRODUCERS = {1, 4};
    private static final int COMMIT_EVERY = 100;
    static final long SILENCE_MILLIS = 30_000;

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
            Figures f = runs.figures("send " + target.setup() + " " + variant, () -> sendAndEmpty(target, producers, 0));
            results.add(new Result(Scenario.SEND.label, target.setup(), variant, "msg/s", f));
        }
        return results;
    }

    Result transacted(Target target) throws Exception {
        String variant = "1 producer, commit every " + COMMIT_EVERY;
        Figures f = runs.figures("transacted " + target.setup(), () -> sendAndEmpty(target, 1, COMMIT_EVERY));
        return new Result(Scenario.TRANSACTED.label, target.setup(), variant, "msg/s", f);
    }

    private double sendAndEmpty(Target target, int producers, int commitEvery) throws Exception {
        String queue = Target.freshQueue("send");
        Senders.Sent sent;
        try (Senders senders = Senders.open(target.url(), queue, producers, true, commitEvery)) {
            sent = senders.run(options.budget());
        }
        BacklogDrain.empty(target.url(), queue, sent.messages());
        return sent.perSecond();
    }

    /**
     * Non-persistent sends return before the broker has the message; a consumer runs alongside so
     * that the broker's memory for messages never fills, and the run counts what it did not get.
     */
    List<Result> nonPersistent(Target target) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int producers : NON_PERSISTENT_PRODUCERS) {
            String variant = producers + (producers == 1 ? " producer" : " producers") + ", 1 consumer";
            AtomicLong undelivered = new AtomicLong();
            Figures f = runs.figures("non-persistent " + target.setup() + " " + variant,
                    () -> sendNonPersistent(target, producers, undelivered));
            results.add(new Result(Scenario.NON_PERSISTENT.label, target.setup(), variant, "msg/s", f,
                    Map.of("undelivered", undelivered.get())));
        }
        return results;
    }

    private double sendNonPersistent(Target target, int producers, AtomicLong undelivered) throws Exception {
        String queue = Target.freshQueue("non-persistent");
        try (QueueConsumers consumer = QueueConsumers.open(target.url(), queue, 1);
             Senders senders = Senders.open(target.url(), queue, producers, false, 0)) {
            consumer.start();
            Senders.Sent sent = senders.run(options.budget());
            try {
                consumer.awaitReceived(sent.messages(), 5_000);
            } catch (IOException lost) {
                undelivered.addAndGet(sent.messages() - consumer.received());
            }
            return sent.perSecond();
        }
    }
}
