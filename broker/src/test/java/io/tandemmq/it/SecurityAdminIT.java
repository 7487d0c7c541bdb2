package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tandem-broker.jar admin ...} against a real broker whose administrator was bootstrapped
 * with the offline commands: every verb changes the store and takes effect for the next
 * connection; bad input is one line, a non-zero exit code, and changes nothing. Also the offline
 * forms of the verbs on a store without a broker.
 */
class SecurityAdminIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("secured");
        String d = data.toString();
        Files.writeString(dir.resolve("admin.pw"), "admin-secret\n");
        Files.writeString(dir.resolve("bob.pw"), "bob-secret\n");
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "admin", "--password-file", "admin.pw", "--roles", "admin", "--data", d));
        SecurityIT.ok(Cli.tandem(dir, "grant", "admin", "send,receive,browse,create,delete,admin", "queue:#", "--data", d));
        SecurityIT.ok(Cli.tandem(dir, "grant", "admin", "send,receive,create,admin", "topic:#", "--data", d));
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "weak", "--password-file", "bob.pw", "--roles", "weak", "--data", d));
        SecurityIT.ok(Cli.tandem(dir, "grant", "weak", "send,create", "queue:adm.weak", "--data", d));
        broker = BrokerProcess.startOn(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** {@code admin --url URL --user admin --password-file admin.pw WORDS...}, run in {@code dir} */
    static Cli.Result admin(Path dir, String url, String... words) throws Exception {
        List<String> args = new ArrayList<>(List.of("admin", "--url", url, "--user", "admin", "--password-file", "admin.pw"));
        args.addAll(List.of(words));
        return Cli.tandem(dir, args.toArray(String[]::new));
    }

    private static Cli.Result admin(String... words) throws Exception {
        return admin(dir, broker.url(), words);
    }

    static Cli.Result ok(Cli.Result r) {
        SecurityIT.ok(r);
        return r;
    }

    /** The users and bindings, as the admin verbs list them. */
    private static String snapshot() throws Exception {
        return ok(admin("user", "list")).out() + ok(admin("list-bindings")).out();
    }

    static void assertRefused(Cli.Result r, int exitCode, String reason) {
        assertEquals(exitCode, r.exitCode(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains(reason), r.toString());
    }

    private static Connection bob() throws Exception {
        return new TandemConnectionFactory(broker.url()).createConnection("bob", "bob-secret");
    }

    private static void send(Connection connection, String queue) throws Exception {
        try (Connection c = connection) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage("x"));
        }
    }

    @Test
    void usersAndGrantsMadeOverTheNetwork_applyToTheNextConnection() throws Exception {
        ok(admin("user", "add", "bob", "--password-file", "bob.pw", "--roles", "senders"));
        assertRefused(admin("user", "add", "bob", "--password-file", "admin.pw", "--roles", "admin"), 1,
                "user 'bob' exists already");
        assertTrue(Pattern.compile("(?m)^bob +senders$").matcher(ok(admin("user", "list")).out()).find(),
                admin("user", "list").toString());
        assertThrows(JMSSecurityException.class, () -> send(bob(), "adm.bob"));

        ok(admin("grant", "senders", "send,create", "queue:adm.bob"));
        send(bob(), "adm.bob");

        ok(admin("revoke", "senders", "send,create", "queue:adm.bob"));
        JMSSecurityException refused = assertThrows(JMSSecurityException.class, () -> send(bob(), "adm.bob"));
        assertTrue(refused.getMessage().contains("queue 'adm.bob'"), refused.getMessage());

        ok(admin("user", "remove", "bob"));
        assertThrows(JMSSecurityException.class, () -> bob().close());
        assertRefused(admin("user", "remove", "bob"), 1, "there is no user 'bob'");
        assertFalse(admin("user", "list").out().contains("bob"));
    }

    @Test
    void queuesAndTopics_areCreatedAndListedWithDepthAndConsumers() throws Exception {
        assertEquals("created queue adm.depth", ok(admin("queue", "create", "adm.depth")).out().strip());
        ok(admin("topic", "create", "adm.news"));
        TandemConnectionFactory cf = new TandemConnectionFactory(broker.url());
        try (Connection c = cf.createConnection("admin", "admin-secret")) {
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue q = s.createQueue("adm.depth");
            MessageProducer p = s.createProducer(q);
            p.send(s.createTextMessage("1"));
            p.send(s.createTextMessage("2"));
            s.createConsumer(q); // not started, nothing acknowledged: both messages stay counted
            String queues = ok(admin("queue", "list")).out();
            assertTrue(Pattern.compile("(?m)^adm\\.depth +2 +1$").matcher(queues).find(), queues);
            assertFalse(queues.contains("adm.news"), queues);
            assertTrue(ok(admin("topic", "list")).out().contains("adm.news"));
            assertRefused(admin("queue", "delete", "adm.depth"), 1, "adm.depth");
        }
        assertEquals("deleted queue adm.depth", ok(admin("queue", "delete", "adm.depth")).out().strip());
        assertEquals("deleted topic adm.news", ok(admin("topic", "delete", "adm.news")).out().strip());
        assertFalse(ok(admin("queue", "list")).out().contains("adm.depth"));
        assertFalse(ok(admin("topic", "list")).out().contains("adm.news"));
    }

    @Test
    void bindings_areListedAndRemoved_andBindingANameTwiceChangesNothing() throws Exception {
        ok(admin("bind", "jms/adm.q", "queue", "adm.q"));
        ok(admin("bind", "jms/adm.cf", "connection-factory", "tandem://127.0.0.1:1,127.0.0.1:2?clientID=x"));
        String listed = ok(admin("list-bindings")).out();
        assertTrue(Pattern.compile("(?m)^jms/adm\\.q +queue +adm\\.q$").matcher(listed).find(), listed);
        assertTrue(listed.contains("tandem://127.0.0.1:1,127.0.0.1:2?clientID=x"), listed);

        String before = snapshot();
        assertRefused(admin("bind", "jms/adm.q", "topic", "other"), 1, "'jms/adm.q' is bound already");
        assertEquals(before, snapshot());

        ok(admin("unbind", "jms/adm.q"));
        assertFalse(ok(admin("list-bindings")).out().contains("jms/adm.q "));
        assertRefused(admin("unbind", "jms/adm.q"), 1, "'jms/adm.q' is not bound");
    }

    @Test
    void anonymousAccess_isTurnedOnAndOffOverTheNetwork() throws Exception {
        TandemConnectionFactory anonymous = new TandemConnectionFactory(broker.url());
        try {
            assertEquals("anonymous access is on", ok(admin("anonymous", "on")).out().strip());
            anonymous.createConnection().close();
        } finally {
            ok(admin("anonymous", "off"));
        }
        assertThrows(JMSSecurityException.class, () -> anonymous.createConnection().close());
    }

    @Test
    void badInput_isOneLineAndANonZeroExitCode_andChangesNothing() throws Exception {
        String before = snapshot();
        assertRefused(admin("frobnicate"), 2, "unknown verb 'frobnicate'");
        assertRefused(admin("user", "add", "x", "--password-file", "nope.pw", "--roles", "r"), 1,
                "the password file nope.pw does not exist");
        assertRefused(Cli.tandem(dir, "admin", "--url", broker.url(), "--user", "admin", "--password-file", "nope.pw",
                "user", "list"), 1, "the password file nope.pw does not exist");
        assertRefused(admin("grant", "r", "send", "orders.*"), 2, "must start with queue: or topic:");
        assertRefused(admin("revoke", "r", "send,publish", "queue:orders"), 2, "unknown permission 'publish'");
        assertRefused(admin("bind", "n", "table", "x"), 2, "unknown binding kind 'table'");
        assertRefused(Cli.tandem(dir, "admin", "--url", broker.url(), "--user", "weak", "--password-file", "bob.pw",
                "user", "add", "x", "--password-file", "bob.pw", "--roles", "admin"), 1, "user 'weak' has no 'admin' permission");
        assertRefused(Cli.tandem(dir, "admin", "--url", broker.url(), "--user", "weak", "--password-file", "bob.pw",
                "queue", "create", "adm.weak"), 1, "user 'weak' has no 'admin' permission for queue 'adm.weak'");
        assertRefused(Cli.tandem(dir, "admin", "--url", broker.url(), "--user", "admin", "--password-file", "bob.pw",
                "bind", "n", "queue", "x"), 1, "authentication failed");
        assertRefused(Cli.tandem(dir, "admin", "--url", broker.url(), "list-bindings"), 1, "needs a user name and password");
        assertRefused(admin(dir, "tandem://127.0.0.1:" + closedPort(), "list-bindings"), 1, "cannot reach");
        assertEquals(before, snapshot());
        assertFalse(ok(admin("queue", "list")).out().contains("adm.weak"));
    }

    @Test
    void offlineVerbs_workOnTheStoreWithoutABroker() throws Exception {
        String d = dir.resolve("offline").toString();
        ok(Cli.tandem(dir, "user", "add", "carol", "--password-file", "bob.pw", "--roles", "r1,r2", "--data", d));
        assertTrue(ok(Cli.tandem(dir, "user", "list", "--data", d)).out().contains("r1,r2"));
        ok(Cli.tandem(dir, "grant", "r1", "send", "queue:a", "--data", d));
        ok(Cli.tandem(dir, "revoke", "r1", "send", "queue:a", "--data", d));
        assertRefused(Cli.tandem(dir, "revoke", "r1", "send", "queue:a", "--data", d), 1, "no 'send' grant on queue:a");
        ok(Cli.tandem(dir, "bind", "jms/a", "queue", "a", "--data", d));
        assertRefused(Cli.tandem(dir, "bind", "jms/a", "queue", "b", "--data", d), 1, "'jms/a' is bound already");
        assertTrue(ok(Cli.tandem(dir, "list-bindings", "--data", d)).out().contains("jms/a"));
        ok(Cli.tandem(dir, "unbind", "jms/a", "--data", d));
        assertFalse(ok(Cli.tandem(dir, "list-bindings", "--data", d)).out().contains("jms/a"));
        ok(Cli.tandem(dir, "user", "remove", "carol", "--data", d));
        assertFalse(ok(Cli.tandem(dir, "user", "list", "--data", d)).out().contains("carol"));
        assertRefused(Cli.tandem(dir, "user", "remove", "carol", "--data", d), 1, "there is no user 'carol'");
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
