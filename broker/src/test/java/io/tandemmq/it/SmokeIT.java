package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SmokeIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void persistentMessageOnQueue_isReceivedOnce() throws Exception {
        TandemConnectionFactory cf = new TandemConnectionFactory(broker.url());
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("smoke");
            MessageProducer p = s.createProducer(q);
            p.send(s.createTextMessage("hello"));
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            TextMessage m = (TextMessage) consumer.receive(5000);
            assertNotNull(m);
            assertEquals("hello", m.getText());
            assertNull(consumer.receive(200));
        }
    }
}
