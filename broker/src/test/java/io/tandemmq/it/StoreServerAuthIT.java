package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store server with a user: a broker without the store's credentials (or with wrong ones)
 * stops at once with one line naming the options; with them it serves; the offline commands log
 * in the same way.
 */
class StoreServerAuthIT {
    @TempDir
    static Path dir;

    @Test
    void aStoreServerWithAUser_refusesBrokersWithoutItsCredentials_andServesThoseWithThem() throws Exception {
        Files.writeString(dir.resolve("store.pw"), "store-secret\n");
        Files.writeString(dir.resolve("wrong.pw"), "not-it\n");
        int port = FreePorts.pick(1)[0];
        try (ChildProcess store = ChildProcess.start(dir.resolve("store.out"), Class.forName("io.tandemmq.broker.cli.TandemCommand"),
                "store-server", "--port", String.valueOf(port), "--data", dir.resolve("store").toString(),
                "--user", "tandem", "--password-file", dir.resolve("store.pw").toString())) {
            store.awaitLines(l -> l.startsWith("tandem: store-server jdbc:derby://"), 1, Duration.ofSeconds(60));
            String url = "jdbc:derby://127.0.0.1:" + port + "/tandem;create=true";

            Cli.Result anonymous = Cli.tandem(dir, "run", "--name", "x", "--port", "0", "--peer-port", "0",
                    "--data", dir.resolve("x").toString(), "--store", url);
            assertEquals(1, anonymous.exitCode(), anonymous.toString());
            assertTrue(lastLine(anonymous).startsWith("tandem: --store-user/--store-password-file: the store at"),
                    anonymous.toString());
            Cli.Result wrong = Cli.tandem(dir, "user", "list", "--store", url, "--store-user", "tandem",
                    "--store-password-file", "wrong.pw");
            assertEquals(1, wrong.exitCode(), wrong.toString());

            SecurityIT.ok(Cli.tandem(dir, "user", "list", "--store", url, "--store-user", "tandem",
                    "--store-password-file", "store.pw"));
            BrokerProcess broker = BrokerProcess.start(dir, "--store", url, "--store-user", "tandem",
                    "--store-password-file", dir.resolve("store.pw").toString());
            try {
                SecurityIT.ok(Cli.tandem(dir, "send", "--url", broker.url(), "--queue", "auth.orders", "--count", "3"));
                SecurityIT.ok(Cli.tandem(dir, "receive", "--url", broker.url(), "--queue", "auth.orders", "--count", "3"));
            } finally {
                broker.close();
            }
        }
    }

    private static String lastLine(Cli.Result r) {
        String[] lines = r.err().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void halfTheCredentials_isABadUsage() throws Exception {
        Cli.Result r = Cli.tandem(dir, "store-server", "--port", "1", "--data", "s", "--user", "tandem");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("give --user and --password-file together"), r.err());
    }
}
