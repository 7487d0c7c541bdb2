package io.tandemmq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as JSON, with when, where and how they were measured. Written by hand: the report
 * has a fixed, flat shape and the benchmark needs no JSON library for it.
 */
final class JsonReport {
    private JsonReport() {
    }

    /** Writes to a temporary file first, so that an interrupted run never leaves half a report. */
    static void write(Path file, Map<String, Object> about, List<Result> results) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "bench", ".json.tmp");
        Files.writeString(tmp, json(about, results), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static String json(Map<String, Object> about, List<Result> results) {
        StringBuilder b = new StringBuilder("{\n");
        for (Map.Entry<String, Object> e : about.entrySet()) {
            b.append("  ").append(string(e.getKey())).append(": ").append(value(e.getValue())).append(",\n");
        }
        b.append("  \"results\": [");
        Iterator<Result> it = results.iterator();
        while (it.hasNext()) {
            b.append("\n    ").append(result(it.next())).append(it.hasNext() ? "," : "\n  ");
        }
        return b.append("]\n}\n").toString();
    }

    private static String result(Result r) {
        Figures f = r.figures();
        return "{\"scenario\": " + string(r.scenario()) + ", \"setup\": " + string(r.setup())
                + ", \"variant\": " + string(r.variant()) + ", \"unit\": " + string(r.unit())
                + ", \"median\": " + number(f.median()) + ", \"min\": " + number(f.min()) + ", \"max\": " + number(f.max())
                + ", \"runs\": " + value(f.values()) + ", \"details\": " + value(r.details()) + "}";
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(b.length() == 1 ? "" : ", ").append(string(String.valueOf(e.getKey()))).append(": ")
                        .append(value(e.getValue()));
            }
            return b.append('}').toString();
        }
        return string(v.toString());
    }

    /** Whole numbers without a fraction, others with up to three decimals; never NaN or Infinity (not JSON). */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
