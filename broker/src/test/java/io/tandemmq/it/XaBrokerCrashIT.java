package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker dies between prepare and commit; Narayana's recovery commits its branch after the restart. */
class XaBrokerCrashIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static NarayanaTm narayana;

    @TempDir
    Path testDir;

    @BeforeAll
    static void start() throws Exception {
        narayana = NarayanaTm.get();
        broker = BrokerProcess.startOnConfiguredStore(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        narayana.clearThread();
        narayana.recoverWith();
    }

    @Test
    void brokerKilledBetweenPrepareAndCommit_recoveryCommitsTheBranch_andRowAndConsumptionAgree() throws Exception {
        String queue = "xa-broker-crash";
        XaJms.send(broker.url(), queue, "payment-1");
        TransactionManager tm = narayana.tm();
        try (DerbyXa derby = new DerbyXa(testDir.resolve("db")).createTable()) {
            InterceptedXAResource killing;
            // one broker and failover off: its commit must fail at once (XAER_RMFAIL), not wait for a restart
            TandemXAConnection c = new TandemConnectionFactory(broker.url() + "?reconnectTotalTime=0").createXAConnection();
            try {
                TandemXASession s = c.createXASession();
                MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
                c.start();
                killing = new InterceptedXAResource(s.getXAResource(), (xid, onePhase) -> broker.kill());
                XAConnection db = derby.open();
                try {
                    tm.begin();
                    tm.getTransaction().enlistResource(killing);
                    tm.getTransaction().enlistResource(db.getXAResource());
                    TextMessage m = (TextMessage) consumer.receive(XaJms.RECEIVE_MILLIS);
                    assertNotNull(m);
                    DerbyXa.insert(db, m.getText());
                    // the broker dies in the commit phase: its commit fails with XAER_RMFAIL, the
                    // decision (commit) is in Narayana's log and Derby commits
                    tm.commit();
                } finally {
                    db.close();
                }
            } finally {
                c.close();
            }
            assertEquals(List.of(false), killing.commits, "expected one two-phase commit of the Tandem branch");
            Xid branch = killing.started.get(0);

            broker.restart();
            assertTrue(XaJms.contains(XaJms.inDoubt(broker.url()), branch), "the prepared branch did not survive the SIGKILL");
            assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS),
                    "a message consumed by a prepared branch went to another consumer");

            narayana.recoverWith(() -> XaJms.openForRecovery(broker.url()), derby::openForRecovery);
            boolean finished = narayana.recover(() -> {
                try {
                    return XaJms.inDoubt(broker.url()).isEmpty() && derby.inDoubt().isEmpty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 5);
            assertTrue(finished, "recovery left in-doubt branches: " + XaJms.inDoubt(broker.url()) + " " + derby.inDoubt());
            assertFalse(XaJms.contains(XaJms.inDoubt(broker.url()), branch));

            assertEquals(List.of("payment-1"), derby.rows());
            assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "the consumed message came again");
            broker.restart();
            assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "the consumed message came again after a restart");
            XaJms.assertBrokerCarriesOn(broker.url());
        }
    }

    @Test
    void preparedConsumption_survivesSigkill_staysWithItsBranch_andComesBackRedeliveredAtRollback() throws Exception {
        String queue = "xa-broker-crash-rollback";
        XaJms.send(broker.url(), queue, "refund-1");
        TestXid xid = TestXid.next();
        try (TandemXAConnection c = new TandemConnectionFactory(broker.url()).createXAConnection()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            XAResource xa = s.getXAResource();
            xa.start(xid, XAResource.TMNOFLAGS);
            assertNotNull(consumer.receive(XaJms.RECEIVE_MILLIS));
            xa.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, xa.prepare(xid));
            broker.kill();
        }
        broker.restart();
        assertTrue(XaJms.contains(XaJms.inDoubt(broker.url()), xid), "the prepared branch did not survive the SIGKILL");
        assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS),
                "a message consumed by a prepared branch went to another consumer");
        try (TandemXAConnection c = new TandemConnectionFactory(broker.url()).createXAConnection()) {
            c.createXASession().getXAResource().rollback(xid);
        }
        XaJms.Received again = XaJms.receive(broker.url(), queue, XaJms.RECEIVE_MILLIS);
        assertNotNull(again, "the message of a rolled back branch did not come again");
        assertEquals("refund-1", again.text());
        assertTrue(again.redelivered(), "the message was delivered before the crash, so it must say JMSRedelivered");
        assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS));
    }
}
