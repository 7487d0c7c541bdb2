package io.tandemmq.it;

import io.tandemmq.ra.TandemResourceAdapter;
import io.tandemmq.ra.outbound.TandemManagedConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.XAConnection;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resource adapter's outbound side outside an application server: Narayana as the transaction
 * manager, a connection manager of the test's own that enlists each managed connection's XA
 * resource, a Derby XA database as the second resource and a real broker process.
 */
class RaOutboundIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static NarayanaTm narayana;
    static TandemResourceAdapter adapter;

    @TempDir
    Path testDir;
    DerbyXa derby;
    EnlistingConnectionManager manager;
    TandemManagedConnectionFactory mcf;
    ConnectionFactory cf;

    @BeforeAll
    static void start() throws Exception {
        narayana = NarayanaTm.get();
        broker = BrokerProcess.start(dir);
        adapter = new TandemResourceAdapter();
        adapter.setServerUrl(broker.url());
        adapter.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (adapter != null) {
            adapter.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        derby = new DerbyXa(testDir.resolve("db")).createTable();
        manager = new EnlistingConnectionManager(narayana.tm());
        mcf = new TandemManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        cf = (ConnectionFactory) mcf.createConnectionFactory(manager);
    }

    @AfterEach
    void cleanUp() throws Exception {
        narayana.clearThread();
        manager.destroyAll();
        derby.close();
    }

    /** Sends one message through the adapter and inserts one row, in the transaction of this thread. */
    private void sendAndInsert(XAConnection db, String queue, String text) throws Exception {
        narayana.tm().getTransaction().enlistResource(db.getXAResource());
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession();
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.send(s.createTextMessage(text));
        }
        DerbyXa.insert(db, text);
    }

    @Test
    void xaSendAndInsertCommitTogether() throws Exception {
        TransactionManager tm = narayana.tm();
        XAConnection db = derby.open();
        try {
            tm.begin();
            sendAndInsert(db, "ra.xa.commit", "one");
            assertNull(XaJms.receive(broker.url(), "ra.xa.commit", XaJms.NOTHING_MILLIS), "visible before the commit");
            tm.commit();
        } finally {
            db.close();
        }
        assertEquals(List.of("one"), XaJms.drain(broker.url(), "ra.xa.commit"));
        assertEquals(List.of("one"), derby.rows());
        assertTrue(manager.live.isEmpty(), "the closed connection was not destroyed after completion");
    }

    @Test
    void xaSendAndInsertRollBackTogether() throws Exception {
        TransactionManager tm = narayana.tm();
        XAConnection db = derby.open();
        try {
            tm.begin();
            sendAndInsert(db, "ra.xa.rollback", "two");
            tm.rollback();
        } finally {
            db.close();
        }
        assertEquals(List.of(), XaJms.drain(broker.url(), "ra.xa.rollback"));
        assertEquals(List.of(), derby.rows());
    }

    @Test
    void jakartaEeRulesHoldOnHandles() throws Exception {
        TransactionManager tm = narayana.tm();
        tm.begin();
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            assertThrows(IllegalStateException.class, () -> c.createSession(), "a second session");
            assertThrows(IllegalStateException.class, () -> c.setClientID("x"));
            assertThrows(IllegalStateException.class, c::stop);
            assertThrows(IllegalStateException.class, () -> c.setExceptionListener(e -> { }));
            assertThrows(IllegalStateException.class, () -> s.setMessageListener(m -> { }));
            assertTrue(s.getTransacted(), "a session inside a global transaction is transacted");
            assertThrows(TransactionInProgressException.class, s::commit);
            assertThrows(TransactionInProgressException.class, s::rollback);
            s.close();
            c.createSession().close();
        }
        tm.rollback();
    }

    @Test
    void jmsContextSendsInTheGlobalTransactionWithTheInsert() throws Exception {
        TransactionManager tm = narayana.tm();
        for (boolean commit : new boolean[] {true, false}) {
            XAConnection db = derby.open();
            try {
                tm.begin();
                tm.getTransaction().enlistResource(db.getXAResource());
                try (JMSContext context = cf.createContext()) {
                    assertTrue(context.getTransacted(), "a context inside a global transaction is transacted");
                    context.createProducer().setProperty("attempt", commit)
                            .send(context.createQueue("ra.context"), commit ? "committed" : "rolled back");
                }
                DerbyXa.insert(db, commit ? "committed" : "rolled back");
                if (commit) {
                    tm.commit();
                } else {
                    tm.rollback();
                }
            } finally {
                db.close();
            }
        }
        assertEquals(List.of("committed"), XaJms.drain(broker.url(), "ra.context"));
        assertEquals(List.of("committed"), derby.rows());
    }

    @Test
    void jmsContextReceivesInTheGlobalTransaction() throws Exception {
        XaJms.send(broker.url(), "ra.context.in", "first");
        TransactionManager tm = narayana.tm();
        tm.begin();
        try (JMSContext context = cf.createContext()) {
            assertEquals("first", context.createConsumer(context.createQueue("ra.context.in")).receiveBody(String.class, 10_000));
        }
        tm.rollback();
        tm.begin();
        try (JMSContext context = cf.createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue("ra.context.in"));
            Message again = consumer.receive(10_000);
            assertEquals("first", again.getBody(String.class));
            assertTrue(again.getJMSRedelivered(), "rolled back, so delivered again");
        }
        tm.commit();
        assertEquals(List.of(), XaJms.drain(broker.url(), "ra.context.in"));
    }

    @Test
    void jakartaEeRulesHoldOnJmsContext() throws Exception {
        TransactionManager tm = narayana.tm();
        tm.begin();
        try (JMSContext context = cf.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("x"));
            assertThrows(IllegalStateRuntimeException.class, context::stop);
            assertThrows(IllegalStateRuntimeException.class, () -> context.setExceptionListener(e -> { }));
            assertThrows(IllegalStateRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            JMSConsumer consumer = context.createConsumer(context.createQueue("ra.context.rules"));
            assertThrows(IllegalStateRuntimeException.class, () -> consumer.setMessageListener(m -> { }));
            assertThrows(IllegalStateRuntimeException.class, consumer::getMessageListener);
            assertThrows(TransactionInProgressRuntimeException.class, context::commit);
            assertThrows(TransactionInProgressRuntimeException.class, context::rollback);
        }
        tm.rollback();
        assertThrows(JMSRuntimeException.class, () -> cf.createContext(42), "an invalid session mode");
        try (Connection c = cf.createConnection()) {
            MessageConsumer consumer = c.createSession().createConsumer(new io.tandemmq.client.TandemQueue("ra.context.rules"));
            assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
        }
    }

    @Test
    void jmsContextOutsideJtaRunsALocalTransactionOrSendsAtOnce() throws Exception {
        try (JMSContext context = cf.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue("ra.context.local");
            context.createProducer().send(queue, "dropped");
            context.rollback();
            context.createProducer().send(queue, "kept");
            assertNull(XaJms.receive(broker.url(), "ra.context.local", XaJms.NOTHING_MILLIS), "visible before the commit");
            context.commit();
        }
        try (JMSContext context = cf.createContext()) {
            assertFalse(context.getTransacted());
            context.createProducer().send(context.createQueue("ra.context.local"), "at once");
            assertThrows(IllegalStateRuntimeException.class, context::commit);
        }
        assertEquals(List.of("kept", "at once"), XaJms.drain(broker.url(), "ra.context.local"));
    }

    @Test
    void transactedSessionOutsideJtaRunsLocalTransactionWithEvents() throws Exception {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("ra.local"));
            p.send(s.createTextMessage("dropped"));
            s.rollback();
            p.send(s.createTextMessage("kept"));
            assertNull(XaJms.receive(broker.url(), "ra.local", XaJms.NOTHING_MILLIS), "visible before the commit");
            s.commit();
        }
        assertEquals(List.of("kept"), XaJms.drain(broker.url(), "ra.local"));
        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_COMMITTED,
                ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                ConnectionEvent.CONNECTION_CLOSED), manager.events);
    }

    @Test
    void nonTransactedSessionOutsideJtaSendsAtOnce() throws Exception {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("ra.auto")).send(s.createTextMessage("now"));
            assertThrows(IllegalStateException.class, s::commit);
        }
        assertEquals(List.of("now"), XaJms.drain(broker.url(), "ra.auto"));
    }

    @Test
    void unmanagedFactoryWorksWithoutAServer() throws Exception {
        ConnectionFactory plain = (ConnectionFactory) mcf.createConnectionFactory();
        try (Connection c = plain.createConnection()) {
            Session s = c.createSession();
            s.createProducer(s.createQueue("ra.unmanaged")).send(s.createTextMessage("plain"));
        }
        assertEquals(List.of("plain"), XaJms.drain(broker.url(), "ra.unmanaged"));
    }

    @Test
    void adapterStopClosesItsConnections() throws Exception {
        TandemResourceAdapter own = new TandemResourceAdapter();
        own.setServerUrl(broker.url());
        own.start(null);
        TandemManagedConnectionFactory f = new TandemManagedConnectionFactory();
        f.setResourceAdapter(own);
        Connection c = ((ConnectionFactory) f.createConnectionFactory()).createConnection();
        Session s = c.createSession();
        own.stop();
        assertThrows(JMSException.class, () -> s.createProducer(s.createQueue("ra.stopped")).send(s.createTextMessage("late")));
    }

    @Test
    void badConfigurationNamesEveryProperty() {
        TandemResourceAdapter bad = new TandemResourceAdapter();
        bad.setReconnectInitialInterval(0L);
        bad.setReconnectAttempts(-5);
        Exception e = assertThrows(jakarta.resource.spi.ResourceAdapterInternalException.class, () -> bad.start(null));
        assertTrue(e.getMessage().contains("ServerUrl") && e.getMessage().contains("ReconnectInitialInterval")
                && e.getMessage().contains("ReconnectAttempts"), e.getMessage());
        TandemManagedConnectionFactory f = new TandemManagedConnectionFactory();
        f.setServerUrl("tandem://localhost:1?nonsense=1");
        Exception e2 = assertThrows(jakarta.resource.spi.InvalidPropertyException.class, () -> f.createManagedConnection(null, null));
        assertTrue(e2.getMessage().contains("ServerUrl") && e2.getMessage().contains("nonsense"), e2.getMessage());
    }
}
