package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tandemmq.it.Jms.expectTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection-level behaviour: asynchronous sends, client ids, metadata and the exception listener. */
class ConnectionIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    /** A broker of its own for the test that kills it. */
    @RegisterExtension
    static final BrokerExtension DOOMED = new BrokerExtension();

    @Test
    void asyncSend_callsOnCompletionForEachMessage_inSendOrder() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        int n = 30;
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(n);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    completed.add(((TextMessage) message).getText());
                } catch (JMSException e) {
                    failures.add(e);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                failures.add(exception);
                done.countDown();
            }
        };
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add("m" + i);
            p.send(s.createTextMessage("m" + i), i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT,
                    4, 0, listener);
        }

        assertTrue(done.await(10, TimeUnit.SECONDS), "every send completed");
        assertEquals(List.of(), failures);
        assertEquals(sent, completed);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals(sent, expectTexts(consumer, n));
    }

    @Test
    void asyncSend_completionListenerGetsTheMessageWithItsHeadersSet() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        CompletableFuture<Message> completed = new CompletableFuture<>();
        TextMessage m = s.createTextMessage("async");

        s.createProducer(q).send(m, new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.complete(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                completed.completeExceptionally(exception);
            }
        });

        Message done = completed.get(10, TimeUnit.SECONDS);
        assertNotNull(done.getJMSMessageID());
        assertEquals(m.getJMSMessageID(), done.getJMSMessageID());
        assertEquals(q, done.getJMSDestination());
    }

    /** A CompletionListener, unlike a MessageListener, may stop its own connection (6.1.5, 7.3.8). */
    @Test
    void completionListener_mayStopItsOwnConnection() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        c.start();
        CompletableFuture<Exception> stopped = new CompletableFuture<>();
        s.createProducer(s.createQueue(BROKER.name("q"))).send(s.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    c.stop();
                    stopped.complete(null);
                } catch (JMSException e) {
                    stopped.complete(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                stopped.complete(exception);
            }
        });
        assertNull(stopped.get(10, TimeUnit.SECONDS), "stop() from a completion listener works");
    }

    /** 7.3.4: close() from the producer's own CompletionListener throws; from elsewhere it waits for the callbacks. */
    @Test
    void producerClose_fromItsOwnCompletionListenerThrows_andOtherwiseWaitsForTheCallbacks() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(BROKER.name("q")));
        CompletableFuture<Exception> ownClose = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        List<String> returned = Collections.synchronizedList(new ArrayList<>());
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    p.close();
                    ownClose.complete(null);
                } catch (JMSException e) {
                    ownClose.complete(e);
                }
                try {
                    release.await(10, TimeUnit.SECONDS);
                    returned.add(((TextMessage) message).getText());
                } catch (InterruptedException | JMSException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                ownClose.complete(exception);
            }
        };
        p.send(s.createTextMessage("first"), listener);
        assertInstanceOf(IllegalStateException.class, ownClose.get(10, TimeUnit.SECONDS));

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                p.close();
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(closed.isDone(), "close() waits while a completion listener runs");
        release.countDown();
        closed.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first"), returned, "close() returned after the listener did");
        assertThrows(IllegalStateException.class, () -> p.send(s.createTextMessage("after")));
    }

    @Test
    void connectionClose_returnsOnlyAfterEveryPendingCompletionListenerWasCalled() throws Exception {
        Connection c = BROKER.connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(BROKER.name("q"));
        MessageProducer p = s.createProducer(q);
        int n = 20;
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                outcomes.add("ok");
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.add("failed: " + exception);
            }
        };
        for (int i = 0; i < n; i++) {
            p.send(s.createTextMessage("m" + i), listener);
        }

        c.close();

        assertEquals(Collections.nCopies(n, "ok"), new ArrayList<>(outcomes));
        assertEquals(n, Jms.leftOn(BROKER, q).size());
    }

    @Test
    void asyncSend_toATemporaryQueueThatIsGone_callsOnExceptionWithInvalidDestinationException() throws Exception {
        Connection owner = BROKER.connect();
        TemporaryQueue gone = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        owner.close();
        Session s = BROKER.connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        CompletableFuture<Exception> failed = new CompletableFuture<>();

        s.createProducer(gone).send(s.createTextMessage("lost"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                failed.completeExceptionally(new AssertionError("the send to a deleted queue succeeded"));
            }

            @Override
            public void onException(Message message, Exception exception) {
                failed.complete(exception);
            }
        });

        assertInstanceOf(InvalidDestinationException.class, failed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void setClientID_afterTheConnectionWasUsed_throwsIllegalStateException() throws Exception {
        Connection c = BROKER.connect();
        c.createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThrows(IllegalStateException.class, () -> c.setClientID(BROKER.name("client")));
    }

    @Test
    void setClientID_twice_throwsIllegalStateException() throws Exception {
        Connection c = BROKER.connect();
        c.setClientID(BROKER.name("client"));

        assertThrows(IllegalStateException.class, () -> c.setClientID(BROKER.name("client")));
    }

    @Test
    void sameClientId_onTwoConnections_throwsInvalidClientIDException() throws Exception {
        String clientId = BROKER.name("client");
        Connection first = BROKER.connect();
        first.setClientID(clientId);
        assertEquals(clientId, first.getClientID());
        Connection second = BROKER.connect();

        assertThrows(InvalidClientIDException.class, () -> second.setClientID(clientId));
        TandemConnectionFactory withId = BROKER.factory("clientID=" + clientId);
        assertThrows(InvalidClientIDException.class, () -> BROKER.track(withId.createConnection()));

        first.close();
        Connection third = BROKER.connect();
        third.setClientID(clientId);
        assertEquals(clientId, third.getClientID());
    }

    @Test
    void clientIdFromTheUrl_isTheConnectionsClientId_andCannotBeChanged() throws Exception {
        String clientId = BROKER.name("client");
        Connection c = BROKER.connect("clientID=" + clientId);

        assertEquals(clientId, c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID(BROKER.name("other")));
    }

    @Test
    void connectionMetaData_namesJakartaMessaging31AndTheProvider() throws Exception {
        ConnectionMetaData md = BROKER.connect().getMetaData();

        assertEquals("3.1", md.getJMSVersion());
        assertEquals(3, md.getJMSMajorVersion());
        assertEquals(1, md.getJMSMinorVersion());
        assertEquals("Tandem", md.getJMSProviderName());
        assertNotNull(md.getProviderVersion());
        assertTrue(md.getProviderVersion().startsWith(md.getProviderMajorVersion() + "." + md.getProviderMinorVersion()),
                md.getProviderVersion());
        List<Object> jmsx = new ArrayList<>();
        for (Enumeration<?> e = md.getJMSXPropertyNames(); e.hasMoreElements(); ) {
            jmsx.add(e.nextElement());
        }
        assertTrue(jmsx.contains("JMSXDeliveryCount"), jmsx::toString);
    }

    @Test
    void closedConnection_refusesWork_withIllegalStateException() throws Exception {
        Connection c = BROKER.connect();
        c.close();

        assertThrows(IllegalStateException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateException.class, c::start);
        c.close();
    }

    @Test
    void exceptionListener_isNotCalled_whenConnectionsAreClosedNormally() throws Exception {
        List<JMSException> reported = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 30; i++) {
            Connection c = BROKER.connect();
            c.setExceptionListener(reported::add);
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createConsumer(s.createQueue(BROKER.name("q")));
            c.start();
            c.close();
        }
        Thread.sleep(Jms.ABSENT);

        assertEquals(List.of(), reported);
    }

    @Test
    void exceptionListener_isCalled_whenTheBrokerProcessIsKilled() throws Exception {
        // one server and failover limited to a second: the exception listener hears when it gives up
        Connection c = DOOMED.connect("reconnectTotalTime=1000");
        CompletableFuture<JMSException> reported = new CompletableFuture<>();
        c.setExceptionListener(reported::complete);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createConsumer(s.createQueue(DOOMED.name("q")));
        c.start();

        DOOMED.process().kill();

        JMSException e = reported.get(30, TimeUnit.SECONDS);
        assertNotNull(e.getMessage());
        assertThrows(JMSException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE));
    }
}
