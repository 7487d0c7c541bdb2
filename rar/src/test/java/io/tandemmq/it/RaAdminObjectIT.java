package io.tandemmq.it;

import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.ra.admin.TandemQueueAdminObject;
import io.tandemmq.ra.admin.TandemTopicAdminObject;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The adapter's admin objects are destinations the client sends to and consumes from. */
class RaAdminObjectIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void queueAdminObject_namesTheQueueItsPhysicalNameSays() throws Exception {
        String name = BROKER.name("q");
        TandemQueueAdminObject admin = new TandemQueueAdminObject();
        admin.setPhysicalName(name);
        assertEquals(name, admin.getQueueName());
        assertEquals(new TandemQueue(name), admin);
        Connection c = BROKER.connect();
        Session s = c.createSession();
        s.createProducer(admin).send(s.createTextMessage("via admin object"));
        MessageConsumer consumer = s.createConsumer(new TandemQueue(name));
        c.start();
        assertEquals("via admin object", ((TextMessage) consumer.receive(Jms.RECEIVE)).getText());
    }

    @Test
    void topicAdminObject_isATopic_andRefusesABadName() {
        TandemTopicAdminObject admin = new TandemTopicAdminObject();
        admin.setPhysicalName("prices");
        assertEquals(new TandemTopic("prices"), admin);
        assertThrows(IllegalArgumentException.class, () -> admin.setPhysicalName("bad,name"));
        assertThrows(IllegalArgumentException.class, () -> new TandemQueueAdminObject().setPhysicalName(""));
    }
}
