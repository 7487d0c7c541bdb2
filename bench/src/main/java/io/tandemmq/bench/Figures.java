package io.tandemmq.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The values of several runs and their median, minimum and maximum. */
public record Figures(List<Double> values, double median, double min, double max) {

    /** @throws IllegalArgumentException when there are no values */
    public static Figures of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        // an even count has no middle value: the mean of the two middle ones, as usual
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Figures(List.copyOf(values), median, sorted.get(0), sorted.get(n - 1));
    }

    /** The value below which {@code percent} % of the samples lie (nearest rank). */
    public static double percentile(long[] sortedSamples, double percent) {
        if (sortedSamples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int rank = (int) Math.ceil(percent / 100 * sortedSamples.length);
        return sortedSamples[Math.max(0, Math.min(sortedSamples.length - 1, rank - 1))];
    }
}
