package io.tandemmq.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchOptionsTest {
    @TempDir
    Path dir;

    @Test
    void smokeRunOptions_areTakenAsGiven() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions o = BenchOptions.parse("--broker-jar", jar.toString(), "--scenarios", "send,failover",
                "--runs", "1", "--messages", "200", "--failover-backlogs", "0,2000");
        assertEquals(List.of(Scenario.SEND, Scenario.FAILOVER), o.scenarios);
        assertEquals(1, o.runs);
        assertEquals(200, o.messages);
        assertEquals(List.of(0, 2000), o.failoverBacklogs);
        assertEquals("200 messages per run", o.workload());
    }

    @Test
    void everyBadOption_isNamedAtOnce() {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse("--runs", "0", "--scenarios", "send,nope", "--duration", "5",
                        "--messages", "9", "--broker-jar", dir.resolve("missing.jar").toString(), "--what", "x", "--out"));
        assertEquals(List.of("--out: needs a value", "--runs 0: must be at least 1", "--scenarios send,nope: no scenario nope",
                "--what x: unknown option", "--duration and --messages: give one of them",
                "--broker-jar: " + dir.resolve("missing.jar") + " does not exist; build it with mvn -DskipTests package"),
                e.errors);
    }
}
