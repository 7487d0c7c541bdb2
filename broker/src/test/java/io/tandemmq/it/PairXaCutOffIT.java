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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * XA calls in flight when the active server dies: the call reached a server that never answers
 * (frozen, then killed), and the client fails over. Every later answer about the branch must be one
 * a transaction manager reads correctly: a rollback code when nothing was committed, never
 * XAER_NOTA (a heuristic hazard to Narayana) or XAER_RMFAIL (an unknown outcome to Payara).
 */
class PairXaCutOffIT {
    /** Long enough for the request to be on the frozen server's socket before it is killed. */
    private static final long IN_FLIGHT_MILLIS = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void startCutOffByAFailover_failsWithRmFail_andTheBranchThenAnswersRollback() throws Exception {
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
                assertEquals(XAException.XA_RBCOMMFAIL, assertThrows(XAException.class,
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
    void onePhaseCommitCutOffByAFailoverBeforeItWasStored_answersRollback_andTheMessageNeverArrives() throws Exception {
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
                assertEquals(XAException.XA_RBCOMMFAIL, failed.errorCode, failed.getMessage());

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
        Future<Throwable> result = caller.submit(() -> {
            try {
                call.run();
                return null;
            } catch (XAException e) {
                return e;
            }
        });
        Thread.sleep(IN_FLIGHT_MILLIS);
        pair.kill(active);
        pair.awaitActive(Duration.ofSeconds(30));
        return result;
    }
}
