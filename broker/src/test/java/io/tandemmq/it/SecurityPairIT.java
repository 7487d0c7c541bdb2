package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security on a pair: users live in the shared store, so the server that takes over authenticates
 * them (the reconnecting client and new connections) and applies their grants with nothing copied.
 */
class SecurityPairIT {
    @TempDir
    static Path dir;

    @Test
    void afterTheActiveBrokerIsKilled_theNewActiveServerAuthenticatesAndAuthorizesTheSameUsers() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            Files.writeString(dir.resolve("app.pw"), "app-secret\n");
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "user", "add", "app", "--password-file", "app.pw", "--roles", "app")));
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "grant", "app", "send,receive,create", "queue:pair.#")));

            PairProcesses.Node old = pair.active();
            PairProcesses.Node next = pair.passive();
            TandemConnectionFactory cf = new TandemConnectionFactory(pair.url() + "?user=app&password=app-secret");
            try (Connection c = cf.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue q = s.createQueue("pair.orders");
                MessageProducer p = s.createProducer(q);
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                p.send(s.createTextMessage("before"));

                pair.kill(old);
                pair.awaitRole(next, "active", Duration.ofSeconds(30));

                // the same connection reconnects, authenticated again by the new active server
                p.send(s.createTextMessage("after"));
                c.start();
                assertEquals(List.of("before", "after"), Jms.expectTexts(s.createConsumer(q), 2));
                JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                        () -> s.createProducer(s.createQueue("elsewhere")).send(s.createTextMessage("x")));
                assertTrue(refused.getMessage().contains("queue 'elsewhere'"), refused.getMessage());
            }
            assertThrows(JMSSecurityException.class,
                    () -> new TandemConnectionFactory(next.url()).createConnection("app", "wrong").close());
            assertThrows(JMSSecurityException.class, () -> new TandemConnectionFactory(next.url()).createConnection().close());
        }
    }
}
