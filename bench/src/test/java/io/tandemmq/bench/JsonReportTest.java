package io.tandemmq.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonReportTest {

    @Test
    void reportHoldsTheHeaderAndOneObjectPerResult() {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("date", "2026-11-26T03:00:00Z");
        about.put("cores", 2);
        Result send = new Result("send", "single", "1 producer", "msg/s", Figures.of(List.of(100.0, 300.0, 200.5)));
        Result failover = new Result("failover", "pair", "backlog 0", "ms", Figures.of(List.of(700.0)),
                Map.of("lost", 0));

        assertEquals("""
                {
                  "date": "2026-11-26T03:00:00Z",
                  "cores": 2,
                  "results": [
                    {"scenario": "send", "setup": "single", "variant": "1 producer", "unit": "msg/s", \
                "median": 200.500, "min": 100, "max": 300, "runs": [100, 300, 200.500], "details": {}},
                    {"scenario": "failover", "setup": "pair", "variant": "backlog 0", "unit": "ms", \
                "median": 700, "min": 700, "max": 700, "runs": [700], "details": {"lost": 0}}
                  ]
                }
                """, JsonReport.json(about, List.of(send, failover)));
    }

    @Test
    void noResults_isAnEmptyArray() {
        assertEquals("{\n  \"results\": []\n}\n", JsonReport.json(Map.of(), List.of()));
    }

    @Test
    void stringsAreEscaped_andNonFiniteNumbersBecomeNull() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", JsonReport.string("a\"b\\c\nd\u0001"));
        assertEquals("null", JsonReport.number(Double.NaN));
        assertEquals("null", JsonReport.number(Double.POSITIVE_INFINITY));
        assertEquals("-3", JsonReport.number(-3.0));
        assertEquals("0.125", JsonReport.number(0.125));
    }

    @Test
    void write_replacesAnEarlierReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.json");
        Files.writeString(file, "old");
        JsonReport.write(file, Map.of(), List.of());
        assertEquals("{\n  \"results\": []\n}\n", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }
}
