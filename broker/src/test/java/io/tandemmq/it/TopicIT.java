package io.tandemmq.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tandemmq.it.Jms.expectNothing;
import static io.tandemmq.it.Jms.expectText;
import static io.tandemmq.it.Jms.expectTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Publish/subscribe: non-durable, no-local, durable, shared and shared durable subscriptions. */
class TopicIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    /** Publishes texts from a connection of its own, so no subscriber's no-local rule applies. */
    private static void publish(Topic topic, String... texts) throws Exception {
        try (Connection c = BROKER.factory().createConnection()) {
            Jms.sendTexts(c.createSession(false, Session.AUTO_ACKNOWLEDGE), topic, texts);
        }
    }

    private static void publishKind(Topic topic, String text, String kind) throws Exception {
        try (Connection c = BROKER.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = s.createTextMessage(text);
            m.setStringProperty("kind", kind);
            s.createProducer(topic).send(m);
        }
    }

    private static Connection withClientId(String clientId) throws Exception {
        Connection c = BROKER.connect();
        c.setClientID(clientId);
        return c;
    }

    @Test
    void nonDurableSubscribers_eachGetEveryMessage_inOrder() throws Exception {
        Connection one = BROKER.connect();
        Connection two = BROKER.connect();
        Session s1 = one.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = two.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s1.createTopic(BROKER.name("t"));
        MessageConsumer a = s1.createConsumer(topic);
        MessageConsumer b = s2.createConsumer(topic);
        MessageConsumer a2 = s1.createConsumer(topic);
        one.start();
        two.start();

        publish(topic, "x", "y", "z");

        for (MessageConsumer sub : List.of(a, b, a2)) {
            assertEquals(List.of("x", "y", "z"), expectTexts(sub, 3));
            expectNothing(sub);
        }
    }

    @Test
    void subscriberCreatedAfterThePublish_getsNothingOfIt() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        publish(topic, "before");
        MessageConsumer late = s.createConsumer(topic);
        c.start();

        expectNothing(late);
        publish(topic, "after");
        assertEquals("after", expectText(late));
    }

    @Test
    void noLocalSubscriber_doesNotGetMessagesOfItsOwnConnection() throws Exception {
        Connection own = BROKER.connect();
        Session s = own.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        MessageConsumer noLocal = s.createConsumer(topic, null, true);
        MessageConsumer all = s.createConsumer(topic);
        own.start();

        Jms.sendTexts(own.createSession(false, Session.AUTO_ACKNOWLEDGE), topic, "own");
        publish(topic, "other");

        assertEquals("other", expectText(noLocal));
        expectNothing(noLocal);
        assertEquals(List.of("own", "other"), expectTexts(all, 2));
    }

    @Test
    void durableSubscription_keepsMessagesWhileItsSubscriberIsClosed() throws Exception {
        String clientId = BROKER.name("client");
        String sub = BROKER.name("sub");
        Connection c = withClientId(clientId);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createDurableSubscriber(topic, sub).close();

        publish(topic, "a", "b");
        c.close();
        publish(topic, "c");

        Connection again = withClientId(clientId);
        Session s2 = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer durable = s2.createDurableSubscriber(topic, sub);
        again.start();
        assertEquals(List.of("a", "b", "c"), expectTexts(durable, 3));
        expectNothing(durable);
        durable.close();
        s2.unsubscribe(sub);
    }

    @Test
    void unsubscribe_removesTheDurableSubscription_withItsMessages() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createDurableSubscriber(topic, sub).close();
        publish(topic, "kept-until-unsubscribe");

        s.unsubscribe(sub);
        publish(topic, "after-unsubscribe");

        MessageConsumer fresh = s.createDurableSubscriber(topic, sub);
        c.start();
        expectNothing(fresh);
        fresh.close();
        s.unsubscribe(sub);
    }

    @Test
    void unsubscribe_ofAnUnknownName_throwsInvalidDestinationException() throws Exception {
        Session s = withClientId(BROKER.name("client")).createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(BROKER.name("no-such-sub")));
    }

    @Test
    void unsubscribe_whileASubscriberIsActive_throwsIllegalStateException() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        MessageConsumer durable = s.createDurableSubscriber(topic, sub);

        assertThrows(IllegalStateException.class, () -> s.unsubscribe(sub));
        assertThrows(IllegalStateException.class, () -> other.unsubscribe(sub));

        durable.close();
        other.unsubscribe(sub);
    }

    @Test
    void unsubscribe_whileAConsumedMessageIsUnacknowledged_throwsIllegalStateException() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        MessageConsumer durable = s.createDurableSubscriber(topic, sub);
        c.start();
        publish(topic, "unacknowledged");
        Message m = Jms.expect(durable);
        durable.close();

        assertThrows(IllegalStateException.class, () -> s.unsubscribe(sub));

        m.acknowledge();
        s.unsubscribe(sub);
    }

    @Test
    void durableNoLocalSubscriber_skipsMessagesOfItsOwnConnection_evenWhileClosed() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createDurableSubscriber(topic, sub, null, true).close();

        Jms.sendTexts(s, topic, "own");
        publish(topic, "other");

        MessageConsumer durable = s.createDurableSubscriber(topic, sub, null, true);
        c.start();
        assertEquals("other", expectText(durable));
        expectNothing(durable);
        durable.close();
        s.unsubscribe(sub);
    }

    @Test
    void createDurableSubscriber_withoutAClientId_throwsIllegalStateException() throws Exception {
        Session s = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));

        assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(topic, BROKER.name("sub")));
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(topic, BROKER.name("sub")));
    }

    @Test
    void secondActiveSubscriberOnOneDurableSubscription_isRefusedWithIllegalStateException() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        MessageConsumer first = s.createDurableSubscriber(topic, sub);

        Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> other.createDurableSubscriber(topic, sub));

        first.close();
        s.unsubscribe(sub);
    }

    @Test
    void durableSubscriptionWithAChangedSelector_isReplaced_andItsOldMessagesAreGone() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createDurableSubscriber(topic, sub, "kind = 'a'", false).close();
        publishKind(topic, "old-a", "a");

        MessageConsumer changed = s.createDurableSubscriber(topic, sub, "kind = 'a' OR kind = 'b'", false);
        c.start();
        expectNothing(changed);

        publishKind(topic, "new-b", "b");
        publishKind(topic, "new-c", "c");
        assertEquals("new-b", expectText(changed));
        expectNothing(changed);
        changed.close();
        s.unsubscribe(sub);
    }

    @Test
    void sameDurableSubscription_withTheSameSelector_keepsItsMessages() throws Exception {
        String sub = BROKER.name("sub");
        Connection c = withClientId(BROKER.name("client"));
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createDurableSubscriber(topic, sub, "kind = 'a'", false).close();
        publishKind(topic, "a1", "a");
        publishKind(topic, "b1", "b");

        MessageConsumer same = s.createDurableSubscriber(topic, sub, "kind = 'a'", false);
        c.start();
        assertEquals("a1", expectText(same));
        expectNothing(same);
        same.close();
        s.unsubscribe(sub);
    }

    @Test
    void sharedConsumers_splitTheMessagesOfTheirSubscription_withoutDuplicates() throws Exception {
        String shared = BROKER.name("shared");
        Connection one = BROKER.connect("prefetch=1");
        Connection two = BROKER.connect("prefetch=1");
        Session s1 = one.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = two.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s1.createTopic(BROKER.name("t"));
        MessageConsumer a = s1.createSharedConsumer(topic, shared);
        MessageConsumer b = s2.createSharedConsumer(topic, shared);
        MessageConsumer plain = s1.createConsumer(topic);
        one.start();
        two.start();
        String[] texts = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"};

        publish(topic, texts);

        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(expectText(a));
            got.add(expectText(b));
        }
        expectNothing(a);
        expectNothing(b);
        assertEquals(10, got.size());
        assertEquals(Set.of(texts), new HashSet<>(got), "each message reached exactly one shared consumer");
        assertEquals(List.of(texts), expectTexts(plain, 10), "a subscription of its own gets every message");
    }

    @Test
    void sharedDurableSubscription_keepsMessagesWhileItHasNoConsumer() throws Exception {
        String shared = BROKER.name("shared");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createSharedDurableConsumer(topic, shared).close();

        publish(topic, "a", "b");

        Connection other = BROKER.connect();
        Session s2 = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s2.createSharedDurableConsumer(topic, shared);
        other.start();
        assertEquals(List.of("a", "b"), expectTexts(consumer, 2));
        expectNothing(consumer);
        consumer.close();
        s2.unsubscribe(shared);
    }

    @Test
    void sharedNonDurableSubscription_endsWithItsLastConsumer() throws Exception {
        String shared = BROKER.name("shared");
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        s.createSharedConsumer(topic, shared).close();

        publish(topic, "lost");

        MessageConsumer consumer = s.createSharedConsumer(topic, shared);
        c.start();
        expectNothing(consumer);
    }

    @Test
    void publisherOnATopicWithoutSubscribers_succeeds_andTheMessageIsGone() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = s.createTopic(BROKER.name("t"));
        MessageProducer p = s.createProducer(topic);

        p.send(s.createTextMessage("nobody listens"));

        MessageConsumer consumer = s.createConsumer(topic);
        c.start();
        expectNothing(consumer);
    }
}
