package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tandemmq.it.Jms.expect;
import static io.tandemmq.it.Jms.expectNothing;
import static io.tandemmq.it.Jms.expectText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Temporary queues and topics: request/reply, ownership, deletion, and their end with the connection. */
class TemporaryDestinationIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void requestReply_throughATemporaryQueueInJMSReplyTo() throws Exception {
        Connection client = BROKER.connect();
        Connection server = BROKER.connect();
        Session cs = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session ss = server.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = cs.createQueue(BROKER.name("requests"));
        TemporaryQueue replies = cs.createTemporaryQueue();
        MessageConsumer replyConsumer = cs.createConsumer(replies);
        MessageConsumer requestConsumer = ss.createConsumer(requests);
        client.start();
        server.start();

        TextMessage request = cs.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        cs.createProducer(requests).send(request);

        Message got = expect(requestConsumer);
        assertInstanceOf(TemporaryQueue.class, got.getJMSReplyTo());
        assertEquals(replies.getQueueName(), ((Queue) got.getJMSReplyTo()).getQueueName());
        TextMessage reply = ss.createTextMessage("pong to " + ((TextMessage) got).getText());
        reply.setJMSCorrelationID(got.getJMSMessageID());
        ss.createProducer(got.getJMSReplyTo()).send(reply);

        Message answer = expect(replyConsumer);
        assertEquals("pong to ping", ((TextMessage) answer).getText());
        assertEquals(request.getJMSMessageID(), answer.getJMSCorrelationID());
    }

    @Test
    void consumerOnAnotherConnectionsTemporaryQueue_isRefusedWithInvalidDestinationException() throws Exception {
        Connection owner = BROKER.connect();
        TemporaryQueue temp = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(temp));
    }

    @Test
    void consumerOnATemporaryQueueReceivedInAMessage_isRefusedOnAnotherConnection() throws Exception {
        Connection owner = BROKER.connect();
        Session os = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temp = os.createTemporaryQueue();
        Queue carrier = os.createQueue(BROKER.name("carrier"));
        Message m = os.createMessage();
        m.setJMSReplyTo(temp);
        os.createProducer(carrier).send(m);
        Connection other = BROKER.connect();
        Session s = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer carrierConsumer = s.createConsumer(carrier);
        other.start();

        Queue copy = (Queue) expect(carrierConsumer).getJMSReplyTo();

        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(copy));
    }

    @Test
    void deletingATemporaryQueueWithAnOpenConsumer_throwsIllegalStateException_andWorksAfterTheConsumerCloses()
            throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temp = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(temp);

        assertThrows(IllegalStateException.class, temp::delete);

        consumer.close();
        temp.delete();
        MessageProducer p = s.createProducer(temp);
        assertThrows(InvalidDestinationException.class, () -> p.send(s.createTextMessage("to nowhere")));
    }

    @Test
    void deletingATemporaryTopicWithAnOpenSubscriber_throwsIllegalStateException() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic temp = s.createTemporaryTopic();
        MessageConsumer subscriber = s.createConsumer(temp);

        assertThrows(IllegalStateException.class, temp::delete);

        subscriber.close();
        temp.delete();
    }

    @Test
    void temporaryTopic_deliversToItsSubscribers() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic temp = s.createTemporaryTopic();
        MessageConsumer one = s.createConsumer(temp);
        MessageConsumer two = s.createConsumer(temp);
        c.start();

        Session publisher = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        publisher.createProducer(temp).send(publisher.createTextMessage("news"));

        assertEquals("news", expectText(one));
        assertEquals("news", expectText(two));
    }

    @Test
    void sendingToATemporaryQueue_afterItsConnectionClosed_throwsInvalidDestinationException() throws Exception {
        Connection owner = BROKER.connect();
        TemporaryQueue temp = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = other.createProducer(temp);
        p.send(other.createTextMessage("while it lives"));

        owner.close();

        assertThrows(InvalidDestinationException.class, () -> p.send(other.createTextMessage("too late")));
    }

    @Test
    void messagesOnATemporaryQueue_areNotVisibleToANewTemporaryQueue() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue first = s.createTemporaryQueue();
        s.createProducer(first).send(s.createTextMessage("for the first"));
        TemporaryQueue second = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(second);
        c.start();

        expectNothing(consumer);
        assertEquals("for the first", expectText(s.createConsumer(first)));
    }
}
