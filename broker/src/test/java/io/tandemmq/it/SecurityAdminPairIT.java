package io.tandemmq.it;

import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.client.jndi.TandemInitialContextFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8's "done when", on a real pair: an administrator bootstrapped offline before the brokers
 * start creates, over the network, a user who may only send to one queue and JNDI bindings; a
 * JNDI client looks them up from the pair; after the active server is killed the new active
 * server serves the same users, permissions and bindings, including a change made just before the
 * kill, and a lookup made during the failover is answered by it.
 */
class SecurityAdminPairIT {
    @TempDir
    static Path dir;

    private static Cli.Result admin(String url, String... words) throws Exception {
        return SecurityAdminIT.admin(dir, url, words);
    }

    private static Hashtable<String, Object> jndi(String url, String user, String password) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, TandemInitialContextFactory.class.getName());
        env.put(Context.PROVIDER_URL, url);
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return env;
    }

    /** The shop user may send to shop.orders, and nothing else. */
    private static void assertOnlySendToOrders(Context ctx) throws Exception {
        ConnectionFactory cf = (ConnectionFactory) ctx.lookup("jms/shop");
        Queue orders = (Queue) ctx.lookup("jms/orders");
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(orders).send(s.createTextMessage("order"));
            JMSSecurityException receive = assertThrows(JMSSecurityException.class, () -> s.createConsumer(orders));
            assertTrue(receive.getMessage().contains("'receive'") && receive.getMessage().contains("queue 'shop.orders'"),
                    receive.getMessage());
            JMSSecurityException other = assertThrows(JMSSecurityException.class,
                    () -> s.createProducer(s.createQueue("shop.other")).send(s.createTextMessage("x")));
            assertTrue(other.getMessage().contains("queue 'shop.other'"), other.getMessage());
        }
    }

    @Test
    void usersPermissionsAndBindingsMadeWithAdmin_workFromThePair_andAfterTheActiveServerIsKilled() throws Exception {
        Files.writeString(dir.resolve("admin.pw"), "admin-secret\n");
        Files.writeString(dir.resolve("shop.pw"), "shop-secret\n");
        try (PairProcesses pair = PairProcesses.start(dir, store -> {
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(store, "user", "add", "admin", "--password-file", "admin.pw", "--roles", "admin")));
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(store, "grant", "admin", "send,receive,browse,create,delete,admin", "queue:#")));
        })) {
            String url = pair.url();
            SecurityAdminIT.ok(admin(url, "queue", "create", "shop.orders"));
            SecurityAdminIT.ok(admin(url, "user", "add", "shop", "--password-file", "shop.pw", "--roles", "shop"));
            SecurityAdminIT.ok(admin(url, "grant", "shop", "send", "queue:shop.orders"));
            SecurityAdminIT.ok(admin(url, "bind", "jms/orders", "queue", "shop.orders"));
            SecurityAdminIT.ok(admin(url, "bind", "jms/shop", "connection-factory", url));

            Context ctx = new InitialContext(jndi(url, "shop", "shop-secret"));
            try {
                Object cf = ctx.lookup("jms/shop");
                assertInstanceOf(QueueConnectionFactory.class, cf);
                assertInstanceOf(TopicConnectionFactory.class, cf);
                assertInstanceOf(XAConnectionFactory.class, cf);
                assertInstanceOf(XAQueueConnectionFactory.class, cf);
                assertInstanceOf(XATopicConnectionFactory.class, cf);
                assertEquals(new TandemQueue("shop.orders"), ctx.lookup("jms/orders"));
                assertThrows(NameNotFoundException.class, () -> ctx.lookup("jms/nothing"));
                assertOnlySendToOrders(ctx);

                NamingException badCredentials = assertThrows(NamingException.class,
                        () -> new InitialContext(jndi(url, "shop", "wrong")).lookup("jms/orders"));
                assertInstanceOf(JMSSecurityException.class, badCredentials.getCause());

                // a switchover needs an administrator once the store holds users
                SecurityAdminIT.assertRefused(Cli.tandem(dir, "switchover", "--url", url), 1, "needs a user name and password");
                SecurityAdminIT.assertRefused(Cli.tandem(dir, "switchover", "--url", url, "--user", "shop",
                        "--password-file", "shop.pw"), 1, "a switchover needs an administrator");
                PairProcesses.Node first = pair.active();
                SecurityIT.ok(Cli.tandem(dir, "switchover", "--url", url, "--user", "admin", "--password-file", "admin.pw"));
                pair.awaitRole(pair.other(first), "active", Duration.ofSeconds(30));

                // a change made on the active server just before it dies
                SecurityAdminIT.ok(admin(url, "bind", "jms/late", "topic", "shop.news"));
                PairProcesses.Node killed = pair.active();
                pair.kill(killed);
                // asked while the pair fails over: answered by the server that takes over
                assertEquals(new TandemTopic("shop.news"), ctx.lookup("jms/late"));
                pair.awaitRole(pair.other(killed), "active", Duration.ofSeconds(30));

                assertOnlySendToOrders(ctx);
                assertOnlySendToOrders(new InitialContext(jndi(url, "shop", "shop-secret")));
                String bindings = SecurityAdminIT.ok(admin(url, "list-bindings")).out();
                assertTrue(bindings.contains("jms/late") && bindings.contains("jms/orders"), bindings);
                assertTrue(SecurityAdminIT.ok(admin(url, "user", "list")).out().contains("shop"));
            } finally {
                ctx.close();
            }
        }
    }
}
