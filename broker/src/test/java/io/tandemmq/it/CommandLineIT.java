package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The command line of the broker jar: option errors of {@code run} and the destination commands. */
class CommandLineIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** What a finished command printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code java -jar tandem-broker.jar args...} and waits for it to end. */
    static Result tandem(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("tandem.broker.jar", "target/tandem-broker.jar");
        List<String> cmd = ChildJvm.java("-Xmx128m", ChildJvm.FULL_COMPILER, "-jar", jar);
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                fail("the command " + String.join(" ", args) + " did not end within 60 s");
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void run_withBadOptions_exitsWith2AndNamesEveryProblem() throws Exception {
        Path data = Files.createTempDirectory(dir, "never-started");
        Result r = tandem("run", "--data", data.toString(), "--bogus", "--port", "abc", "--max-memory", "1");
        assertEquals(2, r.exitCode(), r.toString());
        String err = r.err();
        assertTrue(err.contains("--bogus"), r.toString());
        assertTrue(err.contains("--port") && err.contains("abc"), r.toString());
        assertTrue(err.contains("--max-memory"), r.toString());
        assertFalse(r.out().contains("tandem: "), "a broker must not start: " + r);
        assertFalse(Files.exists(data.resolve("store")), "no store is created for a configuration that is refused");
    }

    @Test
    void run_onAPortInUse_endsAtOnceWithOneLineNamingThePortAndTheOption_andLeavesNoDataFolder() throws Exception {
        String port = broker.url().substring(broker.url().lastIndexOf(':') + 1);
        Result r = tandem("run", "--data", dir.resolve("busy").toString(), "--port", port);
        assertEquals(1, r.exitCode(), r.toString());
        String[] lines = r.err().strip().split("\n");
        assertEquals("tandem: --port " + port + ": 127.0.0.1:" + port + " is already in use (another broker or program"
                + " listens there): stop it, or give another --port", lines[lines.length - 1], r.toString());
        assertFalse(Files.exists(dir.resolve("busy")), "the failed start leaves no empty data folder behind");
    }

    @Test
    void run_withEachBadOptionAlone_exitsWith2AndNamesIt() throws Exception {
        String[][] cases = {
            {"--bogus", "1", "--bogus"},
            {"--port", "abc", "--port"},
            {"--port", "70000", "--port"},
            {"--max-memory", "1", "--max-memory"},
            {"--max-memory", "lots", "--max-memory"},
            {"--store", "derby:x", "--store"},
            {"--log-level", "loud", "--log-level"},
            {"--log-file", "/tmp", "--log-file"},
            {"--http-port", "web", "--http-port"},
            {"--http-port", "70000", "--http-port"},
        };
        for (String[] c : cases) {
            Result r = tandem("run", "--data", dir.resolve("never").toString(), c[0], c[1]);
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains(c[2]), "names " + c[2] + ": " + r);
        }
        Result missingValue = tandem("run", "--port");
        assertEquals(2, missingValue.exitCode(), missingValue.toString());
        assertTrue(missingValue.err().contains("--port"), missingValue.toString());
        Result unknownCommand = tandem("launch");
        assertEquals(2, unknownCommand.exitCode(), unknownCommand.toString());
        assertTrue(unknownCommand.err().contains("launch"), unknownCommand.toString());
    }

    @Test
    void createListDeleteQueue() throws Exception {
        String url = broker.url();
        Result created = tandem("create-queue", "cli-orders", "--url", url);
        assertEquals(0, created.exitCode(), created.toString());
        assertTrue(created.out().contains("cli-orders"), created.toString());

        try (JMSContext ctx = new TandemConnectionFactory(url).createContext()) {
            Queue q = ctx.createQueue("cli-orders");
            JMSProducer p = ctx.createProducer();
            for (int i = 0; i < 3; i++) {
                p.send(q, "order " + i);
            }
        }
        Result list = tandem("list-destinations", "--url", url);
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(Pattern.compile("(?m)^queue\\s+cli-orders\\s+3\\s+0\\s*$").matcher(list.out()).find(),
                "the queue with its 3 messages and no consumers:\n" + list);

        Result deleted = tandem("delete-queue", "cli-orders", "--url", url);
        assertEquals(0, deleted.exitCode(), deleted.toString());
        Result after = tandem("list-destinations", "--url", url);
        assertEquals(0, after.exitCode(), after.toString());
        assertFalse(after.out().contains("cli-orders"), after.toString());

        Result again = tandem("delete-queue", "cli-orders", "--url", url);
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("cli-orders"), again.toString());
    }

    @Test
    void createdQueueAndTopic_surviveARestart() throws Exception {
        assertEquals(0, tandem("create-queue", "cli-kept", "--url", broker.url()).exitCode());
        assertEquals(0, tandem("create-topic", "cli-news", "--url", broker.url()).exitCode());
        broker.restart();
        Result list = tandem("list-destinations", "--url", broker.url());
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(Pattern.compile("(?m)^queue\\s+cli-kept\\s").matcher(list.out()).find(), list.toString());
        assertTrue(Pattern.compile("(?m)^topic\\s+cli-news\\s").matcher(list.out()).find(), list.toString());
        Result deleted = tandem("delete-topic", "cli-news", "--url", broker.url());
        assertEquals(0, deleted.exitCode(), deleted.toString());
        assertFalse(tandem("list-destinations", "--url", broker.url()).out().contains("cli-news"));
    }

    @Test
    void destinationCommands_reportBadInput() throws Exception {
        Result badName = tandem("create-queue", "a*b", "--url", broker.url());
        assertEquals(1, badName.exitCode(), badName.toString());
        assertTrue(badName.err().contains("*"), badName.toString());

        Result noName = tandem("create-queue", "--url", broker.url());
        assertEquals(2, noName.exitCode(), noName.toString());

        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Result unreachable = tandem("list-destinations", "--url", "tandem://127.0.0.1:" + freePort);
        assertEquals(1, unreachable.exitCode(), unreachable.toString());
        assertTrue(unreachable.err().contains("cannot reach"), unreachable.toString());
    }
}
