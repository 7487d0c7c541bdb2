package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell tools against a pair: they find the active server, and what was sent survives its kill. */
class ShellToolsPairIT {
    @TempDir
    static Path dir;

    @Test
    void sentThroughThePairUrl_theActiveServerKilled_everyMessageIsReceivedFromTheOther() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            Cli.Result sent = Cli.tandem(dir, "send", "--url", pair.url(), "--queue", "shell.pair", "--count", "20");
            SecurityIT.ok(sent);
            Cli.Result before = Cli.tandem(dir, "queue", "stat", "shell.pair", "--url", pair.url());
            SecurityIT.ok(before);
            assertTrue(before.out().lines().skip(1).findFirst().orElseThrow().matches("shell\\.pair\\s+20\\s.*"), before.out());

            PairProcesses.Node survivor = pair.passive();
            pair.kill(pair.active());
            pair.awaitRole(survivor, "active", Duration.ofSeconds(30));

            Cli.Result received = Cli.tandem(dir, "receive", "--url", pair.url(), "--queue", "shell.pair", "--count", "20",
                    "--timeout", "10000");
            SecurityIT.ok(received);
            assertEquals(20, received.out().lines().count(), received.out());
            Cli.Result after = Cli.tandem(dir, "queue", "stat", "shell.pair", "--url", pair.url());
            SecurityIT.ok(after);
            assertTrue(after.out().lines().skip(1).findFirst().orElseThrow().matches("shell\\.pair\\s+0\\s.*"), after.out());
        }
    }
}
