package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import jakarta.transaction.RollbackException;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two-phase commit with Narayana over a Tandem XA session and a Derby XA database: a message
 * consumed and a row inserted in one global transaction, or a message sent beside a row.
 */
class XaTwoPhaseIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static NarayanaTm narayana;

    @TempDir
    Path testDir;
    DerbyXa derby;

    @BeforeAll
    static void start() throws Exception {
        narayana = NarayanaTm.get();
        broker = BrokerProcess.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void database() throws Exception {
        derby = new DerbyXa(testDir.resolve("db")).createTable();
    }

    @AfterEach
    void cleanUp() throws Exception {
        narayana.clearThread();
        derby.close();
    }

    private TandemConnectionFactory cf() {
        return new TandemConnectionFactory(broker.url());
    }

    /** Receives one message and inserts its text, in the global transaction begun on this thread. */
    private static String receiveAndInsert(TransactionManager tm, TandemXASession session, MessageConsumer consumer,
                                           XAConnection db) throws Exception {
        tm.getTransaction().enlistResource(session.getXAResource());
        tm.getTransaction().enlistResource(db.getXAResource());
        TextMessage m = (TextMessage) consumer.receive(XaJms.RECEIVE_MILLIS);
        assertNotNull(m, "the message was not delivered inside the transaction");
        DerbyXa.insert(db, m.getText());
        return m.getText();
    }

    @Test
    void commitOfConsumeAndInsert_keepsTheRowAndConsumesTheMessageForGood() throws Exception {
        String queue = "xa-consume-commit";
        XaJms.send(broker.url(), queue, "order-1");
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = cf().createXAConnection()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            XAConnection db = derby.open();
            try {
                tm.begin();
                assertEquals("order-1", receiveAndInsert(tm, s, consumer, db));
                tm.commit();
            } finally {
                db.close();
            }
        }
        assertEquals(List.of("order-1"), derby.rows());
        assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "a committed consumption came again");
        broker.restart();
        assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "a committed consumption came again after a restart");
    }

    @Test
    void rollbackOfConsumeAndInsert_dropsTheRowAndRedeliversTheMessage() throws Exception {
        String queue = "xa-consume-rollback";
        XaJms.send(broker.url(), queue, "order-2");
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = cf().createXAConnection()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            XAConnection db = derby.open();
            try {
                tm.begin();
                receiveAndInsert(tm, s, consumer, db);
                tm.rollback();
            } finally {
                db.close();
            }
            consumer.close();
        }
        assertEquals(List.of(), derby.rows());
        XaJms.Received again = XaJms.receive(broker.url(), queue, XaJms.RECEIVE_MILLIS);
        assertNotNull(again, "the message of a rolled back transaction did not come again");
        assertEquals("order-2", again.text());
        assertTrue(again.redelivered(), "a message that came again must say JMSRedelivered");
        assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS));
    }

    @Test
    void rollbackOnlyTransaction_failsToCommit_andNeitherRowNorConsumptionStays() throws Exception {
        String queue = "xa-consume-rollback-only";
        XaJms.send(broker.url(), queue, "order-3");
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = cf().createXAConnection()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            XAConnection db = derby.open();
            try {
                tm.begin();
                receiveAndInsert(tm, s, consumer, db);
                tm.setRollbackOnly();
                assertThrows(RollbackException.class, tm::commit);
            } finally {
                db.close();
            }
        }
        assertEquals(List.of(), derby.rows());
        XaJms.Received again = XaJms.receive(broker.url(), queue, XaJms.RECEIVE_MILLIS);
        assertNotNull(again, "the message of a rolled back transaction did not come again");
        assertEquals("order-3", again.text());
        assertTrue(again.redelivered());
    }

    @Test
    void messageSentInGlobalTransaction_isInvisibleUntilCommit_thenDeliveredOnce() throws Exception {
        String queue = "xa-send-commit";
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = cf().createXAConnection()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue(queue));
            XAConnection db = derby.open();
            try {
                tm.begin();
                tm.getTransaction().enlistResource(s.getXAResource());
                tm.getTransaction().enlistResource(db.getXAResource());
                producer.send(s.createTextMessage("shipped-1"));
                DerbyXa.insert(db, "shipped-1");
                assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "a message was visible before its commit");
                tm.commit();
            } finally {
                db.close();
            }
        }
        assertEquals(List.of("shipped-1"), derby.rows());
        assertEquals(List.of("shipped-1"), XaJms.drain(broker.url(), queue));
    }

    @Test
    void messageSentInRolledBackGlobalTransaction_isNeverDelivered() throws Exception {
        String queue = "xa-send-rollback";
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = cf().createXAConnection()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue(queue));
            XAConnection db = derby.open();
            try {
                tm.begin();
                tm.getTransaction().enlistResource(s.getXAResource());
                tm.getTransaction().enlistResource(db.getXAResource());
                producer.send(s.createTextMessage("cancelled-1"));
                DerbyXa.insert(db, "cancelled-1");
                tm.rollback();
            } finally {
                db.close();
            }
            // outside a transaction the same session sends at once
            producer.send(s.createTextMessage("after-1"));
        }
        assertEquals(List.of(), derby.rows());
        assertEquals(List.of("after-1"), XaJms.drain(broker.url(), queue));
    }
}
