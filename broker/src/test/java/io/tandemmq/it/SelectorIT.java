package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.tandemmq.it.Jms.expectNothing;
import static io.tandemmq.it.Jms.expectText;
import static io.tandemmq.it.Jms.expectTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message selectors evaluated by the broker on queue consumers and topic subscribers. */
class SelectorIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    /** A message with the given text and properties {@code color} and {@code weight}. */
    private static Message item(Session s, String text, String color, int weight) throws Exception {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("color", color);
        m.setIntProperty("weight", weight);
        return m;
    }

    @Test
    void queueConsumerWithAPropertySelector_getsOnlyMatchingMessages_andLeavesTheRestInOrder() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        p.send(item(s, "red-3", "red", 3));
        p.send(item(s, "red-7", "red", 7));
        p.send(item(s, "blue-9", "blue", 9));
        p.send(item(s, "red-12", "red", 12));
        p.send(s.createTextMessage("no-properties"));
        MessageConsumer heavyRed = s.createConsumer(q, "color = 'red' AND weight > 5");
        c.start();

        assertEquals(List.of("red-7", "red-12"), expectTexts(heavyRed, 2));
        expectNothing(heavyRed);
        MessageConsumer rest = s.createConsumer(q);
        assertEquals(List.of("red-3", "blue-9", "no-properties"), expectTexts(rest, 3));
    }

    @Test
    void selectorsOnHeaders_matchPriorityTypeCorrelationIdAndDeliveryMode() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        TextMessage typed = s.createTextMessage("typed");
        typed.setJMSType("order");
        p.send(typed, DeliveryMode.NON_PERSISTENT, 2, 0);
        TextMessage correlated = s.createTextMessage("correlated");
        correlated.setJMSCorrelationID("corr-42");
        p.send(correlated, DeliveryMode.NON_PERSISTENT, 3, 0);
        p.send(s.createTextMessage("urgent"), DeliveryMode.NON_PERSISTENT, 8, 0);
        p.send(s.createTextMessage("persistent"), DeliveryMode.PERSISTENT, 1, 0);
        c.start();

        assertSelects(s, q, "JMSType = 'order'", "typed");
        assertSelects(s, q, "JMSCorrelationID = 'corr-42'", "correlated");
        assertSelects(s, q, "JMSPriority > 5", "urgent");
        assertSelects(s, q, "JMSDeliveryMode = 'PERSISTENT'", "persistent");
    }

    @Test
    void selectorOnJMSMessageID_picksThatMessage() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("first"));
        Message second = s.createTextMessage("second");
        p.send(second);
        c.start();

        assertSelects(s, q, "JMSMessageID = '" + second.getJMSMessageID() + "'", "second");
    }

    @Test
    void selectorWithLikeInAndBetween_matchesAsTheSpecSays() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        p.send(item(s, "x1", "dark_red", 10));
        p.send(item(s, "x2", "green", 20));
        p.send(item(s, "x3", "darkred", 30));
        p.send(item(s, "x4", "blue", 40));
        c.start();

        assertSelects(s, q, "color LIKE 'dark\\_%' ESCAPE '\\'", "x1");
        assertSelects(s, q, "color IN ('green', 'blue') AND weight BETWEEN 15 AND 25", "x2");
        assertSelects(s, q, "color NOT IN ('green', 'dark_red') AND weight < 35", "x3");
        assertSelects(s, q, "missing IS NULL", "x4");
    }

    private static void assertSelects(Session s, Queue q, String selector, String expected) throws Exception {
        MessageConsumer consumer = s.createConsumer(q, selector);
        assertEquals(expected, expectText(consumer), selector);
        expectNothing(consumer);
        consumer.close();
    }

    @Test
    void topicSubscriberWithASelector_getsOnlyMatchingMessages() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        MessageConsumer blue = s.createConsumer(topic, "color = 'blue'");
        MessageConsumer heavy = s.createConsumer(topic, "weight >= 10 AND JMSPriority = 4");
        MessageConsumer all = s.createConsumer(topic);
        c.start();
        Connection publisher = BROKER.connect();
        Session ps = publisher.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(topic);

        p.send(item(ps, "blue-1", "blue", 1));
        p.send(item(ps, "red-10", "red", 10));
        p.send(item(ps, "blue-20", "blue", 20));

        assertEquals(List.of("blue-1", "blue-20"), expectTexts(blue, 2));
        assertEquals(List.of("red-10", "blue-20"), expectTexts(heavy, 2));
        assertEquals(List.of("blue-1", "red-10", "blue-20"), expectTexts(all, 3));
        expectNothing(blue);
        expectNothing(heavy);
    }

    @Test
    void durableSubscriberWithASelector_keepsOnlyMatchingMessagesWhileClosed() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = BROKER.connect();
        c.setClientID(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createDurableSubscriber(topic, sub, "weight > 5", false).close();
        MessageProducer p = s.createProducer(topic);
        p.send(item(s, "light", "red", 1));
        p.send(item(s, "heavy", "red", 9));

        MessageConsumer durable = s.createDurableSubscriber(topic, sub, "weight > 5", false);
        c.start();
        assertEquals("heavy", expectText(durable));
        expectNothing(durable);
        durable.close();
        s.unsubscribe(sub);
    }

    @Test
    void invalidSelector_throwsInvalidSelectorException_andTheSessionStillWorks() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        Topic t = s.createTopic(BROKER.name("t"));

        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, "color = "));
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, "weight > 'x' AND"));
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(t, "color IN ()"));
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(q, "(("));

        MessageConsumer consumer = s.createConsumer(q, "color = 'red'");
        c.start();
        s.createProducer(q).send(item(s, "still-works", "red", 1));
        assertEquals("still-works", expectText(consumer));
    }

    @Test
    void nullOutsideIsNull_isAnInvalidSelector() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, "NULL = 0"));
        assertTrue(e.getMessage().contains("NULL is not a value"), e.getMessage());
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, "color = NULL"));
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(q, "NULL IS NULL"));
        s.createConsumer(q, "color IS NULL").close();
    }
}
