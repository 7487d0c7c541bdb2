package io.tandemmq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Warm-up runs that are thrown away, then the measured runs; progress goes to stderr. */
final class Runs {
    private final int warmup;
    private final int runs;

    Runs(BenchOptions options) {
        this.warmup = options.warmup;
        this.runs = options.runs;
    }

    <T> List<T> repeat(String label, Callable<T> run) throws Exception {
        for (int i = 1; i <= warmup; i++) {
            System.err.printf("  %s: warm-up %d/%d%n", label, i, warmup);
            run.call();
        }
        List<T> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            T r = run.call();
            System.err.printf("  %s: run %d/%d: %s%n", label, i, runs, r instanceof Double d ? ResultTable.number(d) : r);
            results.add(r);
        }
        return results;
    }

    /** One figure per run. */
    Figures figures(String label, Callable<Double> run) throws Exception {
        return Figures.of(repeat(label, run));
    }
}
