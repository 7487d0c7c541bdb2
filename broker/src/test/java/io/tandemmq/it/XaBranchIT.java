package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXAResource;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XA branches driven directly: one-phase commit, a branch timeout, TMJOIN, TMSUSPEND and TMRESUME. */
class XaBranchIT {
    /** Longer than a one-second branch timeout plus the broker's one-second expiry scan. */
    private static final long PAST_TIMEOUT_MILLIS = 3000;

    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static NarayanaTm narayana;

    @BeforeAll
    static void start() throws Exception {
        narayana = NarayanaTm.get();
        // a small memory budget, so that memory a branch fails to give back shows as refused sends
        broker = BrokerProcess.start(dir, "--max-memory", "1m");
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
    }

    private static TandemXAConnection connect() throws Exception {
        return new TandemConnectionFactory(broker.url()).createXAConnection();
    }

    private static void assertXa(int expected, Executable call) {
        XAException e = assertThrows(XAException.class, call);
        assertEquals(expected, e.errorCode, () -> "expected XA code " + expected + " but got " + e.errorCode + ": " + e.getMessage());
    }

    private static int code(XAException e) {
        return e.errorCode;
    }

    @Test
    void onePhaseCommit_consumesAndSendsTogether() throws Exception {
        XaJms.send(broker.url(), "xa-1pc-in", "request-1");
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue("xa-1pc-in"));
            MessageProducer producer = s.createProducer(s.createQueue("xa-1pc-out"));
            c.start();
            XAResource xa = s.getXAResource();
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            TextMessage m = (TextMessage) consumer.receive(XaJms.RECEIVE_MILLIS);
            assertNotNull(m);
            producer.send(s.createTextMessage("reply-to-" + m.getText()));
            xa.end(xid, XAResource.TMSUCCESS);
            assertNull(XaJms.receive(broker.url(), "xa-1pc-out", XaJms.NOTHING_MILLIS), "a send was visible before the commit");
            xa.commit(xid, true);
            consumer.close();
        }
        assertEquals(List.of("reply-to-request-1"), XaJms.drain(broker.url(), "xa-1pc-out"));
        assertEquals(List.of(), XaJms.drain(broker.url(), "xa-1pc-in"));
    }

    @Test
    void narayanaWithTheTandemResourceAlone_commitsItInOnePhase() throws Exception {
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue("xa-1pc-tm"));
            InterceptedXAResource xa = new InterceptedXAResource(s.getXAResource());
            tm.begin();
            tm.getTransaction().enlistResource(xa);
            producer.send(s.createTextMessage("alone-1"));
            tm.commit();
            assertEquals(List.of(true), xa.commits, "Narayana should commit a single resource in one phase");
        }
        assertEquals(List.of("alone-1"), XaJms.drain(broker.url(), "xa-1pc-tm"));
    }

    @Test
    void branchPastItsTimeout_failsAtEndWithRbTimeout_andItsMessageGoesToAnotherConsumer() throws Exception {
        XaJms.send(broker.url(), "xa-timeout-end", "slow-1");
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue("xa-timeout-end"));
            c.start();
            XAResource xa = s.getXAResource();
            assertTrue(xa.setTransactionTimeout(1));
            assertEquals(1, xa.getTransactionTimeout());
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            assertNotNull(consumer.receive(XaJms.RECEIVE_MILLIS));
            Thread.sleep(PAST_TIMEOUT_MILLIS);
            XAException e = assertThrows(XAException.class, () -> xa.end(xid, XAResource.TMSUCCESS));
            assertEquals(XAException.XA_RBTIMEOUT, code(e));
            consumer.close();

            XaJms.Received again = XaJms.receive(broker.url(), "xa-timeout-end", XaJms.RECEIVE_MILLIS);
            assertNotNull(again, "the message of a timed-out branch did not come back");
            assertEquals("slow-1", again.text());
            assertTrue(again.redelivered());

            xa.rollback(xid); // the transaction manager's answer to XA_RB*: forget the branch
            XAException afterRollback = assertThrows(XAException.class, () -> xa.prepare(xid));
            assertTrue(code(afterRollback) == XAException.XAER_NOTA
                    || code(afterRollback) >= XAException.XA_RBBASE && code(afterRollback) <= XAException.XA_RBEND,
                    "prepare of a rolled back branch: " + code(afterRollback));
        }
        XaJms.assertBrokerCarriesOn(broker.url());
    }

    @Test
    void branchPastItsTimeout_failsAtPrepareWithRbTimeout_andItsSendIsDropped() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue("xa-timeout-prepare"));
            XAResource xa = s.getXAResource();
            TestXid xid = sendInABranchLeftPastItsTimeout(s, producer, "too-late-1");
            XAException e = assertThrows(XAException.class, () -> xa.prepare(xid));
            assertEquals(XAException.XA_RBTIMEOUT, code(e));
            // the timeout is per resource: 0 gives the broker's default back to the next branch
            xa.setTransactionTimeout(0);
            TestXid next = TestXid.next();
            xa.start(next, XAResource.TMNOFLAGS);
            producer.send(s.createTextMessage("in-time-1"));
            xa.end(next, XAResource.TMSUCCESS);
            Thread.sleep(PAST_TIMEOUT_MILLIS);
            assertEquals(XAResource.XA_OK, xa.prepare(next));
            xa.commit(next, false);
        }
        assertEquals(List.of("in-time-1"), XaJms.drain(broker.url(), "xa-timeout-prepare"));
    }

    /** @return the ended branch, with one send, kept idle past its one-second timeout */
    private static TestXid sendInABranchLeftPastItsTimeout(TandemXASession s, MessageProducer producer, String text)
            throws Exception {
        XAResource xa = s.getXAResource();
        xa.setTransactionTimeout(1);
        TestXid xid = TestXid.next();
        xa.start(xid, XAResource.TMNOFLAGS);
        producer.send(s.createTextMessage(text));
        xa.end(xid, XAResource.TMSUCCESS);
        Thread.sleep(PAST_TIMEOUT_MILLIS);
        return xid;
    }

    /**
     * A one-phase commit that rolls back answers XAER_RMERR ("the branch's work has been rolled
     * back"), the code Narayana and Payara both read as a rollback; the reason stays in the message.
     */
    @Test
    void onePhaseCommitOfABranchPastItsTimeout_answersRolledBackWithRmErr_andItsSendIsDropped() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue("xa-timeout-one-phase"));
            XAResource xa = s.getXAResource();
            TestXid xid = sendInABranchLeftPastItsTimeout(s, producer, "too-late-1");
            XAException e = assertThrows(XAException.class, () -> xa.commit(xid, true));
            assertEquals(XAException.XAER_RMERR, code(e));
            assertTrue(e.getMessage().contains("XA_RBTIMEOUT") && e.getMessage().contains("rolled back"), e.getMessage());
        }
        assertEquals(List.of(), XaJms.drain(broker.url(), "xa-timeout-one-phase"));
    }

    @Test
    void sendsIntoABranchPastItsTimeout_areDroppedWithIt_andGiveTheirMemoryBack() throws Exception {
        byte[] body = new byte[700 * 1024]; // more than half of the broker's 1 MiB for messages
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue("xa-timeout-memory"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            XAResource xa = s.getXAResource();
            xa.setTransactionTimeout(1);
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            Thread.sleep(PAST_TIMEOUT_MILLIS);
            BytesMessage late = s.createBytesMessage();
            late.writeBytes(body);
            producer.send(late); // into the branch the broker already rolled back
            assertXa(XAException.XA_RBTIMEOUT, () -> xa.end(xid, XAResource.TMSUCCESS));
            xa.rollback(xid);
        }
        String url = broker.url() + (broker.url().contains("?") ? "&" : "?") + "blockOnNonPersistentSend=true";
        try (Connection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createQueue("xa-timeout-memory"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(body);
            producer.send(m); // refused if the dropped send still held its memory
            MessageConsumer consumer = s.createConsumer(s.createQueue("xa-timeout-memory"));
            c.start();
            BytesMessage received = (BytesMessage) consumer.receive(XaJms.RECEIVE_MILLIS);
            assertNotNull(received);
            assertEquals(body.length, received.getBodyLength());
            assertNull(consumer.receive(XaJms.NOTHING_MILLIS), "the send of the rolled back branch was delivered");
        }
    }

    @Test
    void suspendedBranchPastItsTimeout_cannotBeResumed_andRollsBack() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue("xa-timeout-suspended"));
            XAResource xa = s.getXAResource();
            xa.setTransactionTimeout(1);
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            producer.send(s.createTextMessage("never-1"));
            xa.end(xid, XAResource.TMSUSPEND);
            Thread.sleep(PAST_TIMEOUT_MILLIS);
            assertXa(XAException.XA_RBTIMEOUT, () -> xa.start(xid, XAResource.TMRESUME));
            xa.rollback(xid);
            // the session is free for a new branch
            xa.setTransactionTimeout(0);
            TestXid next = TestXid.next();
            xa.start(next, XAResource.TMNOFLAGS);
            producer.send(s.createTextMessage("next-1"));
            xa.end(next, XAResource.TMSUCCESS);
            xa.commit(next, true);
        }
        assertEquals(List.of("next-1"), XaJms.drain(broker.url(), "xa-timeout-suspended"));
    }

    @Test
    void twoSessionsJoinedOnOneXid_commitTheirSendsTogether() throws Exception {
        try (TandemXAConnection c1 = connect(); TandemXAConnection c2 = connect()) {
            TandemXASession s1 = c1.createXASession();
            TandemXASession s2 = c2.createXASession();
            TandemXAResource xa1 = s1.getXAResource();
            TandemXAResource xa2 = s2.getXAResource();
            assertTrue(xa1.isSameRM(xa2), "two sessions of one broker are one resource manager");
            TestXid xid = TestXid.next();
            xa1.start(xid, XAResource.TMNOFLAGS);
            xa2.start(xid, XAResource.TMJOIN);
            s1.createProducer(s1.createQueue("xa-join")).send(s1.createTextMessage("from-1"));
            s2.createProducer(s2.createQueue("xa-join")).send(s2.createTextMessage("from-2"));
            xa1.end(xid, XAResource.TMSUCCESS);
            assertNull(XaJms.receive(broker.url(), "xa-join", XaJms.NOTHING_MILLIS), "a send was visible before the commit");
            xa2.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, xa1.prepare(xid));
            assertNull(XaJms.receive(broker.url(), "xa-join", XaJms.NOTHING_MILLIS), "a send was visible before the commit");
            xa2.commit(xid, false);
        }
        List<String> received = XaJms.drain(broker.url(), "xa-join");
        assertEquals(List.of("from-1", "from-2"), received.stream().sorted().toList());
    }

    @Test
    void joinedBranchRolledBack_dropsTheSendsOfBothSessions() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s1 = c.createXASession();
            TandemXASession s2 = c.createXASession();
            TestXid xid = TestXid.next();
            s1.getXAResource().start(xid, XAResource.TMNOFLAGS);
            s2.getXAResource().start(xid, XAResource.TMJOIN);
            s1.createProducer(s1.createQueue("xa-join-rollback")).send(s1.createTextMessage("from-1"));
            s2.createProducer(s2.createQueue("xa-join-rollback")).send(s2.createTextMessage("from-2"));
            s1.getXAResource().end(xid, XAResource.TMSUCCESS);
            s2.getXAResource().end(xid, XAResource.TMSUCCESS);
            s1.getXAResource().rollback(xid);
        }
        assertEquals(List.of(), XaJms.drain(broker.url(), "xa-join-rollback"));
    }

    @Test
    void narayanaEnlistingTwoSessionsOfOneBroker_joinsThemInOneBranch() throws Exception {
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c1 = connect(); TandemXAConnection c2 = connect()) {
            TandemXASession s1 = c1.createXASession();
            TandemXASession s2 = c2.createXASession();
            InterceptedXAResource xa1 = new InterceptedXAResource(s1.getXAResource());
            InterceptedXAResource xa2 = new InterceptedXAResource(s2.getXAResource());
            tm.begin();
            tm.getTransaction().enlistResource(xa1);
            tm.getTransaction().enlistResource(xa2);
            s1.createProducer(s1.createQueue("xa-join-tm")).send(s1.createTextMessage("joined-1"));
            s2.createProducer(s2.createQueue("xa-join-tm")).send(s2.createTextMessage("joined-2"));
            tm.commit();
            assertTrue(TestXid.same(xa1.started.get(0), xa2.started.get(0)), "the second session should join the first one's branch");
        }
        assertEquals(List.of("joined-1", "joined-2"), XaJms.drain(broker.url(), "xa-join-tm").stream().sorted().toList());
    }

    @Test
    void branchEndedBeforeItsConnectionClosed_isCompletedThroughAnotherResourceOfTheBroker() throws Exception {
        XaJms.send(broker.url(), "xa-other-resource", "handed-over-1");
        TestXid xid = TestXid.next();
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue("xa-other-resource"));
            c.start();
            s.getXAResource().start(xid, XAResource.TMNOFLAGS);
            assertNotNull(consumer.receive(XaJms.RECEIVE_MILLIS));
            s.getXAResource().end(xid, XAResource.TMSUCCESS);
        }
        assertNull(XaJms.receive(broker.url(), "xa-other-resource", XaJms.NOTHING_MILLIS),
                "a message consumed by an unfinished branch went to another consumer");
        try (TandemXAConnection c = connect()) {
            XAResource other = c.createXASession().getXAResource();
            assertEquals(XAResource.XA_OK, other.prepare(xid));
            other.commit(xid, false);
        }
        assertEquals(List.of(), XaJms.drain(broker.url(), "xa-other-resource"));
    }

    @Test
    void sessionClosedWhileAssociated_rollsItsBranchBack_andItsMessageComesAgain() throws Exception {
        XaJms.send(broker.url(), "xa-closed-associated", "abandoned-1");
        TestXid xid = TestXid.next();
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageConsumer consumer = s.createConsumer(s.createQueue("xa-closed-associated"));
            c.start();
            s.getXAResource().start(xid, XAResource.TMNOFLAGS);
            assertNotNull(consumer.receive(XaJms.RECEIVE_MILLIS));
        }
        XaJms.Received again = XaJms.receive(broker.url(), "xa-closed-associated", XaJms.RECEIVE_MILLIS);
        assertNotNull(again, "the message of an abandoned branch did not come back");
        assertTrue(again.redelivered());
        try (TandemXAConnection c = connect()) {
            XAResource other = c.createXASession().getXAResource();
            XAException e = assertThrows(XAException.class, () -> other.prepare(xid));
            assertTrue(e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND,
                    "prepare of an abandoned branch should say it rolled back, not " + e.errorCode);
            other.rollback(xid);
        }
    }

    @Test
    void suspendedBranch_resumesOnItsSession_andCommitsWorkOfBothAssociations() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            MessageProducer producer = s.createProducer(s.createQueue("xa-suspend"));
            XAResource xa = s.getXAResource();
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            producer.send(s.createTextMessage("before-suspend"));
            xa.end(xid, XAResource.TMSUSPEND);
            XAException prepareWhileSuspended = assertThrows(XAException.class, () -> xa.prepare(xid));
            assertEquals(XAException.XAER_PROTO, code(prepareWhileSuspended));
            assertNull(XaJms.receive(broker.url(), "xa-suspend", XaJms.NOTHING_MILLIS), "a send was visible before the commit");
            xa.start(xid, XAResource.TMRESUME);
            producer.send(s.createTextMessage("after-resume"));
            xa.end(xid, XAResource.TMSUCCESS);
            xa.commit(xid, true);
        }
        assertEquals(List.of("before-suspend", "after-resume"), XaJms.drain(broker.url(), "xa-suspend"));
    }
}
