package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brokers without users (security off, as before) and with anonymous access for the guest role. */
class SecurityAnonymousIT {
    @TempDir
    static Path dir;

    @Test
    void withoutUsers_connectionsWithAndWithoutCredentialsWorkAsBefore() throws Exception {
        try (BrokerProcess b = BrokerProcess.start(dir)) {
            for (String options : new String[] {"", "?user=anyone&password=anything"}) {
                SecurityIT.roundTrip(new TandemConnectionFactory(b.url() + options).createConnection(), "open.queue", "hello");
            }
        }
    }

    @Test
    void anonymousAccessOn_givesConnectionsWithoutCredentialsTheGuestRole_butWrongCredentialsAreStillRefused()
            throws Exception {
        Path data = dir.resolve("guest");
        String d = data.toString();
        Files.writeString(dir.resolve("admin.pw"), "admin-secret");
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "admin", "--password-file", "admin.pw", "--roles", "admin", "--data", d));
        SecurityIT.ok(Cli.tandem(dir, "grant", "guest", "send,receive,create", "queue:public.#", "--data", d));
        SecurityIT.ok(Cli.tandem(dir, "anonymous-access", "on", "--data", d));
        try (BrokerProcess b = BrokerProcess.startOn(data)) {
            try (Connection c = new TandemConnectionFactory(b.url()).createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue news = s.createQueue("public.news");
                Jms.sendTexts(s, news, "for everyone");
                c.start();
                assertEquals("for everyone", Jms.expectText(s.createConsumer(news)));
                JMSSecurityException e = assertThrows(JMSSecurityException.class,
                        () -> s.createProducer(s.createQueue("private")).send(s.createTextMessage("x")));
                assertTrue(e.getMessage().contains("user 'anonymous'") && e.getMessage().contains("queue 'private'"),
                        e.getMessage());
            }
            assertThrows(JMSSecurityException.class,
                    () -> new TandemConnectionFactory(b.url()).createConnection("admin", "wrong").close());
        }
    }
}
