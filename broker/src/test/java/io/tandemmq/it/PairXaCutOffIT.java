package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * XA calls in flight when the active server dies: the call reached a server that never answers
 * (frozen, then killed), and the client fails over. Every later answer about the branch must be one
 * a transaction manager reads correctly: a rollback code when nothing was committed (XAER_RMERR
 * from a one-phase commit, the one both Narayana and Payara read so), never XAER_NOTA (a heuristic
 * hazard to Narayana) or XAER_RMFAIL (an unknown outcome to Payara).
 */
class PairXaCutOffIT {
    /** Long enough for the request to be on the frozen server's socket before it is killed. */
    private static final long IN_FLIGHT_MILLIS = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void startCutOffByAFailover_failsWithRmFail_andTheBranchThenAnswersRolledBack() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (PairProcesses pair = PairProcesses.start(dir)) {
            TandemXAConnection c = new TandemConnectionFactory(pair.url()).createXAConnection();
            try {
                TandemXASession s = c.createXASession();
                XAResource xa = s.getXAResource();
                Xid cut = TestXid.next();
                Future<Throwable> start = inFlight(caller, pair, () -> xa.start(cut, XAResource.TMNOFLAGS));

                XAException failed = assertInstanceOf(XAException.class, start.get(60, TimeUnit.SECONDS));
                assertEquals(XAException.XAER_RMFAIL, failed.errorCode, failed.getMessage());
                assertEquals(XAException.XA_RBCOMMFAIL, assertThrows(XAException.class,
                        () -> xa.end(cut, XAResource.TMFAIL)).errorCode, "end of the branch whose start was lost");
                assertEquals(XAException.XAER_RMERR, assertThrows(XAException.class,
                        () -> xa.commit(cut, true)).errorCode, "one-phase commit of the branch whose start was lost");

                sendInANewBranch(s, s.createProducer(s.createQueue("xa-cut-start")), "after");
            } finally {
                c.close();
            }
            assertEquals(List.of("after"), PairJms.receiveAll(pair.url(), "xa-cut-start", 1),
                    "the session carries on with the next branch");
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void onePhaseCommitCutOffByAFailoverBeforeItWasStored_answersRolledBack_andTheMessageNeverArrives() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (PairProcesses pair = PairProcesses.start(dir)) {
            TandemXAConnection c = new TandemConnectionFactory(pair.url()).createXAConnection();
            try {
                TandemXASession s = c.createXASession();
                XAResource xa = s.getXAResource();
                MessageProducer producer = s.createProducer(s.createQueue("xa-cut-commit"));
                Xid cut = TestXid.next();
                xa.start(cut, XAResource.TMNOFLAGS);
                producer.send(s.createTextMessage("never"));
                xa.end(cut, XAResource.TMSUCCESS);
                Future<Throwable> commit = inFlight(caller, pair, () -> xa.commit(cut, true));

                XAException failed = assertInstanceOf(XAException.class, commit.get(60, TimeUnit.SECONDS));
                assertEquals(XAException.XAER_RMERR, failed.errorCode, failed.getMessage());

                sendInANewBranch(s, producer, "after");
            } finally {
                c.close();
            }
            assertEquals(List.of("after"), PairJms.receiveAll(pair.url(), "xa-cut-commit", 1),
                    "the rolled-back branch's message never arrives; the next branch's does");
        } finally {
            caller.shutdownNow();
        }
    }

    /**
     * A transaction manager whose commit request timed out asks again, on another connection, while
     * the first commit still waits on the store (on a lock here): the second waits for the first and
     * both succeed; the branch is committed once. Before, the server wrote the commit again and
     * failed the second request with "cannot move from COMMITTED to COMMITTED" (the client then
     * learned the outcome by asking; other clients need not).
     */
    @Test
    void commitAskedAgainWhileTheFirstWaitsOnTheStore_bothSucceed_andTheBranchIsCommittedOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (PairProcesses pair = PairProcesses.start(dir)) {
            TandemXAConnection first = new TandemConnectionFactory(pair.url()).createXAConnection();
            TandemXAConnection second = new TandemConnectionFactory(pair.url()).createXAConnection();
            try {
                TandemXASession s = first.createXASession();
                XAResource xa = s.getXAResource();
                Xid xid = TestXid.next();
                xa.start(xid, XAResource.TMNOFLAGS);
                s.createProducer(s.createQueue("xa-asked-twice")).send(s.createTextMessage("once"));
                xa.end(xid, XAResource.TMSUCCESS);
                assertEquals(XAResource.XA_OK, xa.prepare(xid));
                XAResource again = second.createXASession().getXAResource();
                PairProcesses.Node active = pair.active();
                int mark = active.mark();

                Future<Throwable> commit;
                Future<Throwable> retry;
                try (Connection store = pair.openStore();
                     Statement lock = store.createStatement()) {
                    // holds the commit in the store without stopping the lease's renewal
                    store.setAutoCommit(false);
                    lock.execute("LOCK TABLE TQ_XA_BRANCH IN EXCLUSIVE MODE");
                    commit = call(callers, () -> xa.commit(xid, false));
                    Thread.sleep(IN_FLIGHT_MILLIS);
                    retry = call(callers, () -> again.commit(xid, false));
                    Thread.sleep(IN_FLIGHT_MILLIS);
                    store.rollback();
                }

                assertNull(commit.get(60, TimeUnit.SECONDS), "the first commit");
                assertNull(retry.get(60, TimeUnit.SECONDS), "the commit asked again");
                again.commit(xid, false);
                assertEquals(List.of(), active.linesSince(mark).stream().filter(line -> line.contains(" ERROR ")).toList(),
                        "the server wrote the commit once and logged no failure");
            } finally {
                first.close();
                second.close();
            }
            assertEquals(List.of("once"), PairJms.receiveAll(pair.url(), "xa-asked-twice", 1), "committed once");
        } finally {
            callers.shutdownNow();
        }
    }

    private static Future<Throwable> call(ExecutorService callers, XaCall call) {
        return callers.submit(() -> {
            try {
                call.run();
                return null;
            } catch (XAException e) {
                return e;
            }
        });
    }

    /** One more branch on the same session, committed in one phase: the session carries on. */
    private static void sendInANewBranch(TandemXASession s, MessageProducer producer, String text) throws Exception {
        XAResource xa = s.getXAResource();
        Xid next = TestXid.next();
        xa.start(next, XAResource.TMNOFLAGS);
        producer.send(s.createTextMessage(text));
        xa.end(next, XAResource.TMSUCCESS);
        xa.commit(next, true);
    }

    private interface XaCall {
        void run() throws XAException;
    }

    /**
     * Freezes the active server, makes the call (it reaches the frozen server and waits), then
     * kills that server so that the client fails over with the call unanswered.
     *
     * @return the call's failure, or null when it succeeded
     */
    private static Future<Throwable> inFlight(ExecutorService caller, PairProcesses pair, XaCall call) throws Exception {
        PairProcesses.Node active = pair.active();
        pair.freeze(active);
        Future<Throwable> result = call(caller, call);
        Thread.sleep(IN_FLIGHT_MILLIS);
        pair.kill(active);
        pair.awaitActive(Duration.ofSeconds(30));
        return result;
    }
}
