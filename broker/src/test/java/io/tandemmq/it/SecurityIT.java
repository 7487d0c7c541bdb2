package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication and authorization on a real broker whose users, roles and grants were written
 * by the offline commands before it started: user {@code admin} may do everything, user
 * {@code bob} may only send to (and create) {@code queue:orders}, user {@code sub} may subscribe to
 * {@code topic:news.*} but not remove its subscriptions, user {@code watch} may only monitor.
 */
class SecurityIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("secured");
        Files.writeString(dir.resolve("admin.pw"), "admin-secret\n");
        Files.writeString(dir.resolve("bob.pw"), "bob-secret\n");
        ok(Cli.tandem(dir, "user", "add", "admin", "--password-file", "admin.pw", "--roles", "admin", "--data", data.toString()));
        ok(Cli.tandem(dir, "user", "add", "bob", "--password-file", "bob.pw", "--roles", "orders", "--data", data.toString()));
        ok(Cli.tandem(dir, "grant", "admin", "send,receive,browse,create,delete,admin", "queue:#", "--data", data.toString()));
        ok(Cli.tandem(dir, "grant", "orders", "send,create", "queue:orders", "--data", data.toString()));
        ok(Cli.tandem(dir, "user", "add", "sub", "--password-file", "bob.pw", "--roles", "news", "--data", data.toString()));
        ok(Cli.tandem(dir, "grant", "news", "receive,create", "topic:news.*", "--data", data.toString()));
        ok(Cli.tandem(dir, "user", "add", "watch", "--password-file", "bob.pw", "--roles", "watchers", "--data", data.toString()));
        ok(Cli.tandem(dir, "grant", "watchers", "monitor", "queue:#", "--data", data.toString()));
        broker = BrokerProcess.startOn(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static void ok(Cli.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static TandemConnectionFactory factory(String options) {
        return new TandemConnectionFactory(broker.url() + options);
    }

    /** Sends a text to the queue and receives it back on the connection, which is closed then. */
    static void roundTrip(Connection connection, String queue, String text) throws Exception {
        try (Connection c = connection) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(queue);
            Jms.sendTexts(s, q, text);
            c.start();
            assertEquals(text, Jms.expectText(s.createConsumer(q)));
        }
    }

    /** Branches are named by Xid alone: completing or listing them needs a user who may send or receive somewhere. */
    @Test
    void xaRecoverAndCompletion_needAUserWhoMaySendOrReceiveSomewhere() throws Exception {
        Xid someone = TestXid.next();
        try (XAConnection c = factory("").createXAConnection("watch", "bob-secret")) {
            XAResource xa = c.createXASession().getXAResource();
            XAException recover = assertThrows(XAException.class, () -> xa.recover(XAResource.TMSTARTRSCAN));
            assertEquals(XAException.XAER_RMERR, recover.errorCode);
            assertTrue(recover.getMessage().contains("user 'watch' may neither send nor receive anywhere"),
                    recover.getMessage());
            assertEquals(XAException.XAER_RMERR, assertThrows(XAException.class, () -> xa.rollback(someone)).errorCode);
            assertEquals(XAException.XAER_RMERR, assertThrows(XAException.class, () -> xa.commit(someone, true)).errorCode);
        }
        try (XAConnection c = factory("").createXAConnection("bob", "bob-secret")) {
            XAResource xa = c.createXASession().getXAResource();
            assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length, "bob may send");
            assertEquals(XAException.XAER_NOTA, assertThrows(XAException.class, () -> xa.rollback(someone)).errorCode);
        }
    }

    @Test
    void rightCredentialsInTheUrl_connectAndWork() throws Exception {
        roundTrip(factory("?user=admin&password=admin-secret").createConnection(), "admin.url", "one");
    }

    @Test
    void rightCredentialsGivenToCreateConnection_connectAndWork() throws Exception {
        roundTrip(factory("").createConnection("admin", "admin-secret"), "admin.api", "two");
    }

    @Test
    void wrongPasswordAndUnknownUser_getTheSameJMSSecurityException() {
        JMSSecurityException wrongPassword = assertThrows(JMSSecurityException.class,
                () -> factory("").createConnection("admin", "not-the-password").close());
        JMSSecurityException unknownUser = assertThrows(JMSSecurityException.class,
                () -> factory("?user=mallory&password=admin-secret").createConnection().close());
        assertEquals(wrongPassword.getMessage(), unknownUser.getMessage());
        assertTrue(wrongPassword.getMessage().contains("authentication failed"), wrongPassword.getMessage());
    }

    @Test
    void noCredentials_areRefusedOnceUsersExist() {
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> factory("").createConnection().close());
        assertTrue(e.getMessage().contains("needs a user name and password"), e.getMessage());
    }

    @Test
    void sendingWhereNotGranted_isRefusedNamingActionAndQueue_andTheConnectionCarriesOn() throws Exception {
        try (Connection c = factory("").createConnection("bob", "bob-secret")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer orders = s.createProducer(s.createQueue("orders"));
            orders.send(s.createTextMessage("first order"));

            MessageProducer invoices = s.createProducer(s.createQueue("invoices"));
            JMSSecurityException e = assertThrows(JMSSecurityException.class,
                    () -> invoices.send(s.createTextMessage("not allowed")));
            assertTrue(e.getMessage().contains("'send'") && e.getMessage().contains("queue 'invoices'")
                    && e.getMessage().contains("bob"), e.getMessage());

            orders.send(s.createTextMessage("second order"));
        }
        try (Connection c = factory("").createConnection("admin", "admin-secret")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue("orders"));
            assertEquals(java.util.List.of("first order", "second order"), Jms.expectTexts(consumer, 2));
            consumer.close();
            assertEquals(java.util.List.of(), Jms.drainTexts(s.createConsumer(s.createQueue("invoices"))));
        }
    }

    @Test
    void receivingAndBrowsingWithoutTheirGrants_areRefused() throws Exception {
        try (Connection c = factory("").createConnection("bob", "bob-secret")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue orders = s.createQueue("orders");
            JMSSecurityException receive = assertThrows(JMSSecurityException.class, () -> s.createConsumer(orders));
            assertTrue(receive.getMessage().contains("'receive'") && receive.getMessage().contains("queue 'orders'"),
                    receive.getMessage());
            JMSSecurityException browse = assertThrows(JMSSecurityException.class, () -> {
                QueueBrowser b = s.createBrowser(orders);
                b.getEnumeration().hasMoreElements();
            });
            assertTrue(browse.getMessage().contains("'browse'"), browse.getMessage());
        }
    }

    @Test
    void removingADurableSubscription_needsDelete() throws Exception {
        try (Connection c = factory("?clientID=sub-client").createConnection("sub", "bob-secret")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createDurableSubscriber(s.createTopic("news.eu"), "daily").close();
            JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> s.unsubscribe("daily"));
            assertTrue(e.getMessage().contains("'delete'") && e.getMessage().contains("topic 'news.eu'"), e.getMessage());
            JMSSecurityException other = assertThrows(JMSSecurityException.class,
                    () -> s.createConsumer(s.createTopic("sports.eu")));
            assertTrue(other.getMessage().contains("'receive'") && other.getMessage().contains("topic 'sports.eu'"),
                    other.getMessage());
        }
    }

    @Test
    void usingAQueueThatDoesNotExistYet_needsCreate() throws Exception {
        try (Connection c = factory("").createConnection("bob", "bob-secret")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // bob may send to orders only; a grant of send alone on a missing queue would not do either
            JMSSecurityException e = assertThrows(JMSSecurityException.class,
                    () -> s.createProducer(s.createQueue("brand.new")).send(s.createTextMessage("x")));
            assertTrue(e.getMessage().contains("queue 'brand.new'"), e.getMessage());
        }
    }

    @Test
    void adminCommands_needCredentialsWithTheAdminPermission() throws Exception {
        ok(Cli.tandem(dir, "create-queue", "made.by.admin", "--url", broker.url() + "?user=admin&password=admin-secret"));
        Cli.Result asBob = Cli.tandem(dir, "create-queue", "made.by.bob", "--url", broker.url() + "?user=bob&password=bob-secret");
        assertEquals(1, asBob.exitCode(), asBob.toString());
        assertTrue(asBob.err().contains("user 'bob' has no 'admin' permission for queue 'made.by.bob'"), asBob.toString());
        Cli.Result anonymous = Cli.tandem(dir, "list-destinations", "--url", broker.url());
        assertEquals(1, anonymous.exitCode(), anonymous.toString());
        assertTrue(anonymous.err().contains("needs a user name and password"), anonymous.toString());
    }

    @Test
    void addingAUserThatExists_failsAndKeepsTheOldPassword() throws Exception {
        Path other = dir.resolve("other");
        Files.writeString(dir.resolve("carol.pw"), "carol-1\n");
        Files.writeString(dir.resolve("carol2.pw"), "carol-2\n");
        ok(Cli.tandem(dir, "user", "add", "carol", "--password-file", "carol.pw", "--roles", "r", "--data", other.toString()));
        Cli.Result again = Cli.tandem(dir, "user", "add", "carol", "--password-file", "carol2.pw", "--roles", "r",
                "--data", other.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals("tandem user add: user 'carol' exists already", again.err().strip());

        BrokerProcess b = BrokerProcess.startOn(other);
        try {
            new TandemConnectionFactory(b.url()).createConnection("carol", "carol-1").close();
            assertThrows(JMSSecurityException.class,
                    () -> new TandemConnectionFactory(b.url()).createConnection("carol", "carol-2").close());
        } finally {
            b.close();
        }
    }

    @Test
    void badCommandInput_isOneLineAndANonZeroExitCode() throws Exception {
        Path data = dir.resolve("bad-input");
        String d = data.toString();
        Cli.Result missingFile = Cli.tandem(dir, "user", "add", "x", "--password-file", "nope.pw", "--roles", "r", "--data", d);
        assertLine(missingFile, "the password file nope.pw does not exist");
        Cli.Result badPattern = Cli.tandem(dir, "grant", "r", "send", "orders.*", "--data", d);
        assertLine(badPattern, "must start with queue: or topic:");
        Cli.Result unknownPermission = Cli.tandem(dir, "grant", "r", "send,publish", "queue:orders", "--data", d);
        assertLine(unknownPermission, "unknown permission 'publish'");
        Cli.Result noStore = Cli.tandem(dir, "grant", "r", "send", "queue:orders");
        assertLine(noStore, "give exactly one of --data DIR and --store JDBC_URL");
        assertTrue(!Files.exists(data), "bad input must not create a store");
    }

    private static void assertLine(Cli.Result r, String expected) {
        assertTrue(r.exitCode() != 0, r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
    }
}
