package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell tools against a real broker with security on, as an operator uses them: send,
 * browse, receive, queue stat, dead letters moved back, purge, connections; each through
 * {@code --user}/{@code --password-file}, with exit codes, the lines printed, and bad input
 * changing nothing.
 */
class ShellToolsIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("secured");
        for (String u : List.of("admin", "ops", "app")) {
            Files.writeString(dir.resolve(u + ".pw"), u + "-secret\n");
        }
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "admin", "--password-file", "admin.pw", "--roles", "admin", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "grant", "admin", "send,receive,browse,create,delete,admin", "queue:#", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "ops", "--password-file", "ops.pw", "--roles", "ops", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "grant", "ops", "monitor", "queue:#", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "app", "--password-file", "app.pw", "--roles", "app", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "grant", "app", "send,receive,browse,create", "queue:#", "--data", data.toString()));
        broker = BrokerProcess.startOn(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static Cli.Result as(String user, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", broker.url(), "--user", user, "--password-file", user + ".pw"));
        return Cli.tandem(dir, all.toArray(String[]::new));
    }

    /** {@code admin} as the administrator, options before the verb. */
    private static Cli.Result admin(String... words) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("admin", "--url", broker.url(), "--user", "admin",
                "--password-file", "admin.pw"));
        all.addAll(Arrays.asList(words));
        return Cli.tandem(dir, all.toArray(String[]::new));
    }

    /** The depth column of {@code queue stat} for the queue, or -1 when it is not listed. */
    private static long depth(String queue) throws Exception {
        Cli.Result stat = as("ops", "queue", "stat");
        SecurityIT.ok(stat);
        List<String> lines = stat.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NAME") && lines.get(0).contains("WAITING"), stat.out());
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.trim().split("\\s+");
            if (cols[0].equals(queue)) {
                return Long.parseLong(cols[1]);
            }
        }
        return -1;
    }

    @Test
    void sendBrowseReceiveAndStat_throughTheShellAlone() throws Exception {
        Cli.Result sent = as("app", "send", "--queue", "shell.orders", "--count", "10", "--size", "1024", "--persistent");
        SecurityIT.ok(sent);
        assertTrue(sent.out().startsWith("sent 10 messages to queue shell.orders"), sent.out());
        assertEquals(10, depth("shell.orders"));
        Cli.Result one = as("ops", "queue", "stat", "shell.orders");
        SecurityIT.ok(one);
        String[] cols = one.out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
        assertEquals("shell.orders", cols[0]);
        assertTrue(cols[cols.length - 1].matches("\\d+\\.\\d"), "the oldest message's age in seconds: " + one.out());

        Cli.Result browsed = as("app", "browse", "--queue", "shell.orders");
        SecurityIT.ok(browsed);
        List<String> lines = browsed.out().lines().toList();
        assertEquals(11, lines.size(), browsed.out());
        assertTrue(lines.get(0).contains(" bytes 1024 B priority 4"), lines.get(0));
        assertEquals("10 messages on queue shell.orders", lines.get(10));

        Cli.Result four = as("app", "receive", "--queue", "shell.orders", "--count", "4");
        SecurityIT.ok(four);
        assertEquals(4, four.out().lines().count(), four.out());
        assertEquals(6, depth("shell.orders"));

        Cli.Result tooMany = as("app", "receive", "--queue", "shell.orders", "--count", "10", "--timeout", "500");
        assertEquals(1, tooMany.exitCode(), tooMany.toString());
        assertEquals(6, tooMany.out().lines().count(), tooMany.out());
        assertTrue(tooMany.err().contains("6 of 10 messages arrived"), tooMany.err());
        assertEquals(0, depth("shell.orders"));

        Cli.Result text = as("app", "send", "--queue", "shell.texts", "--text", "hello\nworld", "--property", "region=eu");
        SecurityIT.ok(text);
        Cli.Result got = as("app", "receive", "--queue", "shell.texts", "--selector", "region = 'eu'");
        SecurityIT.ok(got);
        assertTrue(got.out().contains("text 11 B") && got.out().contains("region=eu")
                && got.out().contains("\"hello\\nworld\""), got.out());
    }

    @Test
    void deadLettersMovedBack_thenPurged_andBadInputChangesNothing() throws Exception {
        SecurityIT.ok(as("app", "send", "--queue", "shell.retry", "--count", "2"));
        SecurityIT.ok(as("app", "send", "--queue", "DLQ", "--count", "3", "--property", "origin=shell.retry"));
        SecurityIT.ok(as("app", "send", "--queue", "DLQ", "--count", "1", "--property", "origin=elsewhere"));

        Cli.Result bad = as("admin", "queue", "move", "DLQ", "shell.retry", "--selector", "origin = ");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--selector"), bad.err());
        Cli.Result refused = as("ops", "queue", "move", "DLQ", "shell.retry");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("no 'admin' permission"), refused.err());
        assertEquals(4, depth("DLQ"));

        Cli.Result moved = as("admin", "queue", "move", "DLQ", "shell.retry", "--selector", "origin = 'shell.retry'");
        SecurityIT.ok(moved);
        assertEquals("moved 3 messages from queue DLQ to queue shell.retry", moved.out().strip());
        assertEquals(5, depth("shell.retry"));
        assertEquals(1, depth("DLQ"));

        Cli.Result purged = as("admin", "queue", "purge", "shell.retry");
        SecurityIT.ok(purged);
        assertEquals("purged 5 messages from queue shell.retry", purged.out().strip());
        assertEquals(0, depth("shell.retry"));
        Cli.Result missing = as("admin", "queue", "purge", "shell.nothing-here");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("no queue shell.nothing-here"), missing.err());

        // the store agrees: after a restart the moved message count holds, the purged ones stay gone
        broker.restart();
        assertEquals(0, depth("shell.retry"));
        assertEquals(1, depth("DLQ"));
        SecurityIT.ok(as("admin", "queue", "purge", "DLQ"));
    }

    @Test
    void connections_listTheActiveServersClients() throws Exception {
        try (Connection c = new TandemConnectionFactory(broker.url()).createConnection("app", "app-secret")) {
            c.setClientID("shell-watcher");
            c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            Cli.Result list = as("ops", "connections");
            SecurityIT.ok(list);
            assertTrue(list.out().startsWith("ADDRESS"), list.out());
            String line = list.out().lines().filter(l -> l.contains("shell-watcher")).findFirst().orElseThrow();
            String[] cols = line.trim().split("\\s+");
            assertEquals("app", cols[1], line);
            assertEquals("1", cols[3], line);
        }
        Cli.Result anonymous = Cli.tandem(dir, "connections", "--url", broker.url());
        assertEquals(1, anonymous.exitCode(), anonymous.toString());
        // the older destination commands take the same credentials options
        Cli.Result created = as("admin", "create-queue", "shell.created");
        SecurityIT.ok(created);
        Cli.Result listed = as("admin", "list-destinations");
        SecurityIT.ok(listed);
        assertTrue(listed.out().contains("shell.created"), listed.out());
        SecurityIT.ok(as("admin", "delete-queue", "shell.created"));
    }

    @Test
    void aRolesGrantsAreListed_andANewPasswordCountsFromTheNextLogin_withALineInTheBrokerLog() throws Exception {
        Cli.Result grants = admin("grants", "ops");
        SecurityIT.ok(grants);
        assertTrue(grants.out().lines().anyMatch(l -> l.matches("ops\\s+monitor\\s+queue:#")), grants.out());

        Files.writeString(dir.resolve("temp-new.pw"), "temp-new-secret\n");
        SecurityIT.ok(admin("user", "add", "temp", "--password-file", "app.pw", "--roles", "app"));
        Cli.Result changed = admin("user", "passwd", "temp", "--password-file", "temp-new.pw");
        SecurityIT.ok(changed);
        assertEquals("changed the password of user temp", changed.out().strip());
        Cli.Result old = Cli.tandem(dir, "send", "--url", broker.url(), "--queue", "shell.pw", "--user", "temp",
                "--password-file", "app.pw");
        assertEquals(1, old.exitCode(), old.toString());
        SecurityIT.ok(Cli.tandem(dir, "send", "--url", broker.url(), "--queue", "shell.pw", "--user", "temp",
                "--password-file", "temp-new.pw"));
        String log = Files.readString(broker.output());
        assertTrue(log.contains("admin request from user 'admin': ChangePassword[name=temp]"), log);
        assertTrue(!log.contains("temp-new-secret"), "the password is never logged");
        SecurityIT.ok(admin("user", "remove", "temp"));
        SecurityIT.ok(as("admin", "queue", "purge", "shell.pw"));
    }

    @Test
    void eachTool_hasHelp_andBadOptionsExitWith2() throws Exception {
        for (String tool : List.of("send", "receive", "browse", "queue", "connections")) {
            Cli.Result help = Cli.tandem(dir, tool, "--help");
            assertEquals(0, help.exitCode(), help.toString());
            assertTrue(help.out().startsWith("usage: java -jar tandem-broker.jar " + tool), help.out());
        }
        Cli.Result noQueue = Cli.tandem(dir, "send", "--count", "3");
        assertEquals(2, noQueue.exitCode(), noQueue.toString());
        assertTrue(noQueue.err().contains("give --queue NAME or --topic NAME"), noQueue.err());
        Cli.Result badCount = Cli.tandem(dir, "receive", "--queue", "q", "--count", "none");
        assertEquals(2, badCount.exitCode(), badCount.toString());
        assertTrue(badCount.err().contains("--count"), badCount.err());
        Cli.Result noFile = as("app", "send", "--queue", "shell.files", "--file", "no-such-file");
        assertEquals(1, noFile.exitCode(), noFile.toString());
        assertTrue(noFile.err().contains("--file no-such-file: no such file"), noFile.err());
        Cli.Result wrongPassword = Cli.tandem(dir, "send", "--url", broker.url(), "--queue", "shell.x", "--user", "app",
                "--password-file", "ops.pw");
        assertEquals(1, wrongPassword.exitCode(), wrongPassword.toString());
        assertTrue(wrongPassword.err().contains("authentication failed"), wrongPassword.err());
    }
}
