package io.tandemmq.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final List<Result> RUN = List.of(
            row("send", "pair", "1 producer", 400),
            row("send", "pair", "4 producers", 1500),
            row("send", "artemis-jdbc", "4 producers", 450),
            row("send", "single", "4 producers", 9000),
            row("drain", "pair", "20000 messages, 4 consumers", 3000),
            row("drain", "artemis-jdbc", "20000 messages, 4 consumers", 2000),
            row("send", "artemis-journal", "4 producers", 2000));

    @Test
    void ratios_areOfThePairsAndArtemisJdbcsMedians() {
        List<Comparison.Ratio> ratios = Comparison.of(RUN);
        assertEquals(2, ratios.size());
        Comparison.Ratio send = ratios.get(0);
        assertEquals("4 producers", send.variant());
        assertEquals(1500 / 450.0, send.ratio(), 1e-9);
        assertTrue(send.met());
        Comparison.Ratio drain = ratios.get(1);
        assertEquals(1.5, drain.ratio(), 1e-9);
        assertFalse(drain.met());
        assertEquals(Map.of("send, 4 producers", 3.33, "drain, 20000 messages, 4 consumers", 1.5), Comparison.toMap(ratios));
    }

    @Test
    void withoutArtemisJdbc_thereIsNothingToCompare() {
        List<Result> tandemOnly = RUN.stream().filter(r -> !r.setup().equals("artemis-jdbc")).toList();
        assertEquals(List.of(), Comparison.of(tandemOnly));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Comparison.print(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printed_withMediansRatioAndTarget() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Comparison.print(Comparison.of(RUN), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("""
                pair vs artemis-jdbc (medians of the same run):
                  send, 4 producers: 1500 / 450 msg/s = 3.33x (target 3x: met)
                  drain, 20000 messages, 4 consumers: 3000 / 2000 msg/s = 1.50x (target 2x: not met)
                """, out.toString(StandardCharsets.UTF_8));
    }

    private static Result row(String scenario, String setup, String variant, double median) {
        return new Result(scenario, setup, variant, "msg/s", Figures.of(List.of(median)));
    }
}
