package io.tandemmq.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The results as a plain-text table with aligned columns. */
final class ResultTable {
    private static final String[] HEADINGS = {"scenario", "setup", "variant", "median", "min", "max", "unit", "runs", "details"};

    private ResultTable() {
    }

    static void print(List<Result> results, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (Result r : results) {
            rows.add(row(r));
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // numbers are right-aligned so that their magnitudes line up
                boolean number = i >= 3 && i <= 5 || i == 7;
                String cell = number ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String[] row(Result r) {
        Figures f = r.figures();
        String details = r.details().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return new String[] {r.scenario(), r.setup(), r.variant(), number(f.median()), number(f.min()), number(f.max()),
                r.unit(), String.valueOf(f.values().size()), details};
    }

    /** Whole numbers for large figures, two decimals for small ones (latencies in ms). */
    static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String space = " ".repeat(width - s.length());
        return right ? space + s : s + space;
    }
}
