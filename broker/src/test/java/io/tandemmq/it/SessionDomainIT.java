package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JMS 1.1 domain sessions refuse the other domain's methods with IllegalStateException. */
class SessionDomainIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void queueSession_refusesTopicOnlyMethods() throws Exception {
        TandemConnectionFactory cf = BROKER.factory();
        QueueConnection c = cf.createQueueConnection();
        BROKER.track(c);
        QueueSession qs = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = c.createSession().createTopic(BROKER.name("t"));
        assertThrows(IllegalStateException.class, () -> qs.createTopic("t"));
        assertThrows(IllegalStateException.class, qs::createTemporaryTopic);
        assertThrows(IllegalStateException.class, () -> qs.createDurableSubscriber(topic, "sub"));
        assertThrows(IllegalStateException.class, () -> qs.createDurableConsumer(topic, "sub"));
        assertThrows(IllegalStateException.class, () -> qs.createSharedConsumer(topic, "sub"));
        assertThrows(IllegalStateException.class, () -> qs.createSharedDurableConsumer(topic, "sub"));
        assertThrows(IllegalStateException.class, () -> qs.createConsumer(topic));
        assertThrows(IllegalStateException.class, () -> qs.unsubscribe("sub"));
        assertNotNull(qs.createReceiver(qs.createQueue(BROKER.name("q"))), "queue methods still work");
    }

    @Test
    void topicSession_refusesQueueOnlyMethods() throws Exception {
        TandemConnectionFactory cf = BROKER.factory();
        TopicConnection c = cf.createTopicConnection();
        BROKER.track(c);
        TopicSession ts = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = c.createSession().createQueue(BROKER.name("q"));
        assertThrows(IllegalStateException.class, () -> ts.createQueue("q"));
        assertThrows(IllegalStateException.class, ts::createTemporaryQueue);
        assertThrows(IllegalStateException.class, () -> ts.createBrowser(queue));
        assertThrows(IllegalStateException.class, () -> ts.createConsumer(queue));
        assertNotNull(ts.createSubscriber(ts.createTopic(BROKER.name("t"))), "topic methods still work");
    }

    @Test
    void unifiedSession_allowsBothDomains() throws Exception {
        Session s = BROKER.connect().createSession();
        assertNotNull(s.createConsumer(s.createQueue(BROKER.name("q"))));
        assertNotNull(s.createConsumer(s.createTopic(BROKER.name("t"))));
    }
}
