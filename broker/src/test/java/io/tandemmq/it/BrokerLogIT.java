package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator reads: one line per record with milliseconds, in the log file too, and a clean stop said. */
class BrokerLogIT {
    private static final String LINE = "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (ERROR|WARN |INFO |DEBUG) \\w+: .*";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyLogLineHasMilliseconds_theFileGetsThemToo_andACleanStopIsSaid() throws Exception {
        Path logFile = dir.resolve("logs").resolve("broker.log");
        Path output;
        Path dataDir;
        try (BrokerProcess broker = BrokerProcess.start(dir, "--log-file", logFile.toString())) {
            output = broker.output();
            dataDir = broker.dataDir();
        }
        // the output is copied to the file by a thread of the test: give it a moment for the last line
        for (int i = 0; i < 50 && !Files.readString(output).contains("stopped cleanly"); i++) {
            Thread.sleep(100);
        }
        List<String> printed = Files.readAllLines(output).stream().filter(l -> !l.startsWith("tandem: ")).toList();
        assertTrue(printed.stream().allMatch(l -> l.matches(LINE)), "every line is one record:\n" + String.join("\n", printed));
        assertTrue(printed.stream().anyMatch(l -> l.matches(".* WARN  RunCommand: clients on tandem://.*security OFF.*")),
                "the start summary warns that security is off:\n" + String.join("\n", printed));
        assertTrue(printed.get(printed.size() - 1).endsWith("INFO  RunCommand: it stopped cleanly"), String.join("\n", printed));
        List<String> logged = Files.readAllLines(Path.of(logFile + ".0"));
        assertTrue(!logged.isEmpty() && logged.stream().allMatch(l -> l.matches(LINE)), String.join("\n", logged));
        assertTrue(logged.stream().anyMatch(l -> l.contains("took the lease")), String.join("\n", logged));
        assertTrue(logged.get(logged.size() - 1).endsWith("INFO  RunCommand: it stopped cleanly"),
                "the file gets the last line too:\n" + String.join("\n", logged));
        List<String> derby = Files.readAllLines(dataDir.resolve("derby.log"));
        assertTrue(!derby.isEmpty() && derby.stream().allMatch(l -> l.matches(LINE)),
                "Derby's own log is in the same format:\n" + String.join("\n", derby));
    }

    @Test
    void aBrokerThatCannotStart_saysWhyInItsLogFileToo() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path logFile = dir.resolve("failed.log");
            Cli.Result r = Cli.tandem(dir, "run", "--data", dir.resolve("never").toString(), "--port",
                    String.valueOf(busy.getLocalPort()), "--log-file", logFile.toString());
            assertEquals(1, r.exitCode(), r.toString());
            List<String> logged = Files.readAllLines(Path.of(logFile + ".0"));
            assertFalse(logged.isEmpty(), r.toString());
            String last = logged.get(logged.size() - 1);
            assertTrue(last.matches(LINE) && last.contains("ERROR RunCommand: could not start: --port "
                    + busy.getLocalPort() + ": "), String.join("\n", logged));
            assertFalse(Files.exists(Path.of(logFile + ".0.lck")), "the log file is closed, its lock file gone");
        }
    }
}
