package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong XA calls made directly on the XAResource: each fails with the code the XA specification
 * prescribes, the branch stays usable as far as the specification allows, and the broker carries on.
 */
class XaBadInputIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerProcess.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void brokerCarriesOn() throws Exception {
        XaJms.assertBrokerCarriesOn(broker.url());
    }

    private static TandemXAConnection connect() throws Exception {
        return new TandemConnectionFactory(broker.url()).createXAConnection();
    }

    private static void assertXa(int expected, Executable call) {
        XAException e = assertThrows(XAException.class, call);
        assertEquals(expected, e.errorCode, () -> "expected XA code " + expected + " but got " + e.errorCode + ": " + e.getMessage());
    }

    /** A branch on this session that sent one message (so that it is not read-only), ended. */
    private static TestXid idleBranchWithSend(TandemXASession s, String queue, String text) throws Exception {
        TestXid xid = TestXid.next();
        XAResource xa = s.getXAResource();
        xa.start(xid, XAResource.TMNOFLAGS);
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        xa.end(xid, XAResource.TMSUCCESS);
        return xid;
    }

    @Test
    void xidWithTooLongGlobalId_isRejectedWithXaerInval() throws Exception {
        Xid tooLong = new TestXid(1, new byte[Xid.MAXGTRIDSIZE + 1], new byte[] {1});
        Xid tooLongQualifier = new TestXid(1, new byte[] {1}, new byte[Xid.MAXBQUALSIZE + 1]);
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            XAResource xa = s.getXAResource();
            assertXa(XAException.XAER_INVAL, () -> xa.start(tooLong, XAResource.TMNOFLAGS));
            assertXa(XAException.XAER_INVAL, () -> xa.start(tooLongQualifier, XAResource.TMNOFLAGS));
            assertXa(XAException.XAER_INVAL, () -> xa.commit(tooLong, true));
            assertXa(XAException.XAER_INVAL, () -> xa.start(null, XAResource.TMNOFLAGS));
            // the session was not associated: it still works in a branch of a valid Xid
            TestXid ok = idleBranchWithSend(s, "bad-inval", "valid-1");
            xa.commit(ok, true);
        }
        assertEquals(List.of("valid-1"), XaJms.drain(broker.url(), "bad-inval"));
    }

    @Test
    void flagsAStepDoesNotTake_areRejectedWithXaerInval_andTheBranchCarriesOn() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            XAResource xa = s.getXAResource();
            TestXid xid = TestXid.next();
            assertXa(XAException.XAER_INVAL, () -> xa.start(xid, XAResource.TMSUSPEND));
            xa.start(xid, XAResource.TMNOFLAGS);
            s.createProducer(s.createQueue("bad-flags")).send(s.createTextMessage("flagged-1"));
            assertXa(XAException.XAER_INVAL, () -> xa.end(xid, XAResource.TMJOIN));
            xa.end(xid, XAResource.TMSUCCESS);
            xa.commit(xid, true);
        }
        assertEquals(List.of("flagged-1"), XaJms.drain(broker.url(), "bad-flags"));
    }

    @Test
    void completionOfUnknownXid_failsWithXaerNota() throws Exception {
        try (TandemXAConnection c = connect()) {
            XAResource xa = c.createXASession().getXAResource();
            TestXid unknown = TestXid.next();
            assertXa(XAException.XAER_NOTA, () -> xa.commit(unknown, false));
            assertXa(XAException.XAER_NOTA, () -> xa.commit(unknown, true));
            assertXa(XAException.XAER_NOTA, () -> xa.prepare(unknown));
            assertXa(XAException.XAER_NOTA, () -> xa.rollback(unknown));
            assertXa(XAException.XAER_NOTA, () -> xa.forget(unknown));
        }
    }

    @Test
    void endWithoutStart_failsWithXaerNotaForAnUnknownXid_andXaerProtoForAnotherSessionsBranch() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession owner = c.createXASession();
            TandemXASession other = c.createXASession();
            assertXa(XAException.XAER_NOTA, () -> other.getXAResource().end(TestXid.next(), XAResource.TMSUCCESS));

            TestXid xid = TestXid.next();
            owner.getXAResource().start(xid, XAResource.TMNOFLAGS);
            owner.createProducer(owner.createQueue("bad-end")).send(owner.createTextMessage("owned-1"));
            assertXa(XAException.XAER_PROTO, () -> other.getXAResource().end(xid, XAResource.TMSUCCESS));
            // the branch is unharmed: its owner ends and commits it
            owner.getXAResource().end(xid, XAResource.TMSUCCESS);
            assertXa(XAException.XAER_PROTO, () -> owner.getXAResource().end(xid, XAResource.TMSUCCESS));
            owner.getXAResource().commit(xid, true);
        }
        assertEquals(List.of("owned-1"), XaJms.drain(broker.url(), "bad-end"));
    }

    @Test
    void prepareTwice_failsTheSecondTimeWithXaerProto_andTheBranchStillCommits() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            TestXid xid = idleBranchWithSend(s, "bad-prepare-twice", "prepared-1");
            XAResource xa = s.getXAResource();
            assertEquals(XAResource.XA_OK, xa.prepare(xid));
            assertXa(XAException.XAER_PROTO, () -> xa.prepare(xid));
            assertXa(XAException.XAER_PROTO, () -> xa.commit(xid, true));
            xa.commit(xid, false);
        }
        assertEquals(List.of("prepared-1"), XaJms.drain(broker.url(), "bad-prepare-twice"));
    }

    @Test
    void startWithAnXidInUse_failsWithXaerDupid() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession first = c.createXASession();
            TandemXASession second = c.createXASession();
            TestXid xid = TestXid.next();
            first.getXAResource().start(xid, XAResource.TMNOFLAGS);
            assertXa(XAException.XAER_DUPID, () -> second.getXAResource().start(xid, XAResource.TMNOFLAGS));
            first.createProducer(first.createQueue("bad-dupid")).send(first.createTextMessage("first-1"));
            first.getXAResource().end(xid, XAResource.TMSUCCESS);
            assertXa(XAException.XAER_DUPID, () -> second.getXAResource().start(xid, XAResource.TMNOFLAGS));
            assertEquals(XAResource.XA_OK, first.getXAResource().prepare(xid));
            assertXa(XAException.XAER_DUPID, () -> second.getXAResource().start(xid, XAResource.TMNOFLAGS));
            first.getXAResource().commit(xid, false);
            // the second session was never associated: it still sends outside a transaction
            second.createProducer(second.createQueue("bad-dupid")).send(second.createTextMessage("second-1"));
        }
        assertEquals(List.of("first-1", "second-1"), XaJms.drain(broker.url(), "bad-dupid"));
    }

    @Test
    void rollbackWhileAssociated_failsWithXaerProto_andTheBranchRollsBackAfterEnd() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            XAResource xa = s.getXAResource();
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            MessageProducer p = s.createProducer(s.createQueue("bad-rollback-active"));
            p.send(s.createTextMessage("dropped-1"));
            assertXa(XAException.XAER_PROTO, () -> xa.rollback(xid));
            p.send(s.createTextMessage("dropped-2"));
            xa.end(xid, XAResource.TMSUCCESS);
            xa.rollback(xid);
            xa.rollback(xid); // a repeated rollback is answered the same way
        }
        assertEquals(List.of(), XaJms.drain(broker.url(), "bad-rollback-active"));
    }

    @Test
    void repeatedCommit_ofACommittedBranch_succeeds() throws Exception {
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            XAResource xa = s.getXAResource();
            TestXid twoPhase = idleBranchWithSend(s, "bad-repeat", "two-phase-1");
            xa.prepare(twoPhase);
            xa.commit(twoPhase, false);
            xa.commit(twoPhase, false);
            TestXid onePhase = idleBranchWithSend(s, "bad-repeat", "one-phase-1");
            xa.commit(onePhase, true);
            xa.commit(onePhase, true);
            // another resource of the same broker gets the same answer
            try (TandemXAConnection c2 = connect()) {
                c2.createXASession().getXAResource().commit(twoPhase, false);
            }
        }
        assertEquals(List.of("two-phase-1", "one-phase-1"), XaJms.drain(broker.url(), "bad-repeat"));
    }

    @Test
    void prepareOfABranchThatDidNothing_votesReadOnly_andTheBranchIsOver() throws Exception {
        try (TandemXAConnection c = connect()) {
            XAResource xa = c.createXASession().getXAResource();
            TestXid xid = TestXid.next();
            xa.start(xid, XAResource.TMNOFLAGS);
            xa.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_RDONLY, xa.prepare(xid));
            assertFalse(XaJms.contains(List.of(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)), xid));
        }
    }

    @Test
    void recover_listsExactlyThePreparedXids_alsoAfterSigkillAndRestart_andTheyCompleteThen() throws Exception {
        TestXid committed;
        TestXid rolledBack;
        try (TandemXAConnection c = connect()) {
            TandemXASession s = c.createXASession();
            XAResource xa = s.getXAResource();
            committed = idleBranchWithSend(s, "bad-recover", "kept-1");
            rolledBack = idleBranchWithSend(s, "bad-recover", "dropped-1");
            TestXid idle = idleBranchWithSend(s, "bad-recover", "never-prepared-1");
            assertEquals(XAResource.XA_OK, xa.prepare(committed));
            assertEquals(XAResource.XA_OK, xa.prepare(rolledBack));
            assertEquals(Set.of(committed, rolledBack), testXids(xa.recover(XAResource.TMSTARTRSCAN)));
            assertEquals(0, xa.recover(XAResource.TMENDRSCAN).length, "a scan gives everything on its first call");
            assertEquals(Set.of(committed, rolledBack), testXids(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)));
            assertFalse(XaJms.contains(List.of(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)), idle));
            assertXa(XAException.XAER_INVAL, () -> xa.recover(XAResource.TMJOIN));
        }

        broker.kill();
        broker.restart();

        try (TandemXAConnection c = connect()) {
            XAResource xa = c.createXASession().getXAResource();
            assertEquals(Set.of(committed, rolledBack), testXids(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)));
            assertEquals(List.of(), XaJms.drain(broker.url(), "bad-recover"), "prepared sends are visible before the commit");
            xa.commit(committed, false);
            xa.rollback(rolledBack);
            assertEquals(Set.of(), testXids(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)));
            xa.commit(committed, false); // the outcome survived too
        }
        assertEquals(List.of("kept-1"), XaJms.drain(broker.url(), "bad-recover"));
        broker.restart();
        assertEquals(List.of(), XaJms.drain(broker.url(), "bad-recover"));
        try (TandemXAConnection c = connect()) {
            assertEquals(Set.of(), testXids(c.createXASession().getXAResource().recover(XAResource.TMSTARTRSCAN)));
        }
    }

    @Test
    void isSameRM_isTrueForTwoResourcesOfOneBroker() throws Exception {
        try (TandemXAConnection c1 = connect(); TandemXAConnection c2 = connect()) {
            XAResource a = c1.createXASession().getXAResource();
            XAResource b = c2.createXASession().getXAResource();
            assertTrue(a.isSameRM(b));
            assertTrue(b.isSameRM(a));
            assertTrue(a.isSameRM(a));
        }
    }

    /** The Xids of this test class among those given, as TestXids. */
    private static Set<TestXid> testXids(Xid[] xids) {
        return Arrays.stream(xids)
                .map(x -> new TestXid(x.getFormatId(), x.getGlobalTransactionId(), x.getBranchQualifier()))
                .collect(Collectors.toSet());
    }
}
