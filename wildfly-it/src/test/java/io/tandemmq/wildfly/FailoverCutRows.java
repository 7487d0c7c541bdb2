package io.tandemmq.wildfly;

import io.tandemmq.it.ClientFrameGate;
import io.tandemmq.it.ClientFrameGate.Cut;
import io.tandemmq.it.PairProcesses;
import io.tandemmq.protocol.FrameType;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The rows of docs/transactions.md's "Answers at a failover" table, played against an application
 * server's own transaction manager: the application sends in a container-managed transaction
 * (alone, so the manager commits in one phase, or with a database row, in two), the gate in front
 * of the active broker stops the row's XA call before or after the broker, the active broker is
 * killed, and the client fails over with the call unanswered. Each row holds when the application
 * is told what really happened (committed, or rolled back, never a heuristic or an unknown
 * outcome) and the queue and the table agree with it.
 */
final class FailoverCutRows {
    private static final String QUEUE = "cut.rows";

    enum Ending { COMMITTED, ROLLED_BACK }

    record Row(String what, FrameType call, Cut cut, boolean withDatabaseRow, Ending ending) {
        @Override
        public String toString() {
            return what + " (" + call + " cut " + cut + (withDatabaseRow ? ", with a database row" : "") + ")";
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("start on its way", FrameType.XA_START, Cut.BEFORE_THE_BROKER, false, Ending.ROLLED_BACK),
            new Row("end on its way", FrameType.XA_END, Cut.BEFORE_THE_BROKER, false, Ending.ROLLED_BACK),
            new Row("one-phase commit before it was stored", FrameType.XA_COMMIT, Cut.BEFORE_THE_BROKER, false,
                    Ending.ROLLED_BACK),
            new Row("one-phase commit stored, answer lost", FrameType.XA_COMMIT, Cut.AFTER_THE_BROKER, false,
                    Ending.COMMITTED),
            new Row("prepare before it was stored", FrameType.XA_PREPARE, Cut.BEFORE_THE_BROKER, true, Ending.ROLLED_BACK),
            new Row("prepare stored, answer lost", FrameType.XA_PREPARE, Cut.AFTER_THE_BROKER, true, Ending.COMMITTED),
            new Row("two-phase commit on its way", FrameType.XA_COMMIT, Cut.BEFORE_THE_BROKER, true, Ending.COMMITTED),
            new Row("two-phase commit stored, answer lost", FrameType.XA_COMMIT, Cut.AFTER_THE_BROKER, true,
                    Ending.COMMITTED));

    /** What the test calls in the application: a send in a container-managed transaction. */
    interface Application {
        HttpResponse<String> send(String queue, String text, boolean withDatabaseRow) throws Exception;
    }

    private FailoverCutRows() {
    }

    /**
     * Plays every row; all are played before the failures are reported.
     *
     * @return one line per row that did not hold (empty when all did)
     */
    static List<String> play(String server, Application app) throws Exception {
        List<String> failures = new ArrayList<>();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < ROWS.size(); i++) {
                Row row = ROWS.get(i);
                String text = server + "-cut-" + i;
                long began = System.nanoTime();
                String failure = play(row, text, app, caller);
                // printed, so that a run shows how each row ended and what it cost
                System.out.printf("FailoverCutRows %s: %s: %s, %d ms%n", server, row, failure == null ? "held" : "FAILED",
                        (System.nanoTime() - began) / 1_000_000);
                if (failure != null) {
                    failures.add(row + ": " + failure);
                }
            }
        } finally {
            caller.shutdownNow();
        }
        // the tests after these expect a pair, as every test leaves it
        PairForServers.bothAlive();
        return failures;
    }

    /** @return what went wrong, or null when the row held */
    private static String play(Row row, String text, Application app, ExecutorService caller) throws Exception {
        PairProcesses pair = PairForServers.setup().pair();
        PairForServers.bothAlive();
        PairProcesses.Node active = pair.active();
        ClientFrameGate gate = PairForServers.setup().gate(active);
        gate.cutAt(row.call(), row.cut());
        Future<HttpResponse<String>> answer = caller.submit(() -> app.send(QUEUE, text, row.withDatabaseRow()));
        if (!gate.awaitCut(Duration.ofSeconds(60))) {
            answer.get(60, TimeUnit.SECONDS);
            return "the application's transaction made no " + row.call() + " call";
        }
        pair.kill(active);
        pair.awaitActive(Duration.ofSeconds(60));
        HttpResponse<String> response = answer.get(180, TimeUnit.SECONDS);
        List<String> sent = OutsideView.drain(QUEUE);
        List<String> rows = OutsideView.rows("SENT", text);
        boolean committed = row.ending() == Ending.COMMITTED;
        String told = response.statusCode() + " " + response.body();
        if (committed != (response.statusCode() == 200)) {
            return "expected " + row.ending() + " but the application was told " + told;
        }
        if (!committed && (told.contains("Heuristic") || told.contains("SystemException"))) {
            return "rolled back, but the application was told of a heuristic or unknown outcome: " + told;
        }
        List<String> expected = committed ? List.of(text) : List.of();
        if (!sent.equals(expected)) {
            return "the queue held " + sent + ", expected " + expected + " (the application was told " + told + ")";
        }
        if (!rows.equals(row.withDatabaseRow() ? expected : List.of())) {
            return "the table held " + rows + " (the application was told " + told + ")";
        }
        return null;
    }

}
