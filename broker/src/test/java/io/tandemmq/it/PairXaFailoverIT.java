package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XA under Narayana across a failover: each message is consumed and inserted into a Derby table in
 * one global transaction while the active broker is killed. Afterwards (and after recovery of any
 * branch left in doubt) every message is in the table exactly once and the queue is empty.
 */
class PairXaFailoverIT {
    private static final int MESSAGES = 300;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void activeKilledDuringXaConsumeWithDerbyInsert_everyMessageIsInTheTableOnce() throws Exception {
        List<String> texts = PairJms.texts("xa-fo", MESSAGES);
        try (PairProcesses pair = PairProcesses.start(dir);
             DerbyXa db = new DerbyXa(dir.resolve("db")).createTable()) {
            PairJms.sendPersistent(pair.url(), "xa-failover", texts);
            XaConsumeTraffic xa = new XaConsumeTraffic(pair.url(), "xa-failover", db).start();
            while (xa.committed() < MESSAGES / 3) {
                Thread.sleep(10);
            }
            pair.kill(pair.active());
            pair.awaitActive(Duration.ofSeconds(30));
            xa.finishAndRecover(180_000);

            System.out.printf("PairXaFailoverIT: %d committed, %d transactions failed at the failover and were"
                    + " rolled back%n", xa.committed(), xa.failedTransactions());
            assertEquals(List.of(), xa.errors());
            List<String> expected = new ArrayList<>(texts);
            Collections.sort(expected);
            PairJms.assertExactlyOnce(expected, xa.rows());
            assertTrue(PairJms.receiveAll(pair.url(), "xa-failover", 0).isEmpty(), "nothing is left or delivered again");
        }
    }

    /**
     * A branch started on the server that is then killed: what the new server delivers to the
     * session before the branch ends belongs to no branch there. The end reports the rollback and
     * those deliveries must go back, or they would stay with the session until it closes.
     */
    @Test
    void branchStartedBeforeTheKill_whatTheNewServerDeliveredInItComesAgain() throws Exception {
        List<String> texts = PairJms.texts("lost", 3);
        try (PairProcesses pair = PairProcesses.start(dir)) {
            PairJms.sendPersistent(pair.url(), "xa-lost-branch", texts);
            TandemXAConnection c = new TandemConnectionFactory(pair.url()).createXAConnection();
            try {
                TandemXASession s = c.createXASession();
                MessageConsumer consumer = s.createConsumer(s.createQueue("xa-lost-branch"));
                XAResource xa = s.getXAResource();
                Xid lost = TestXid.next();
                xa.start(lost, XAResource.TMNOFLAGS);
                pair.kill(pair.active());
                pair.awaitActive(Duration.ofSeconds(30));
                c.start();
                TextMessage fromNewServer = (TextMessage) consumer.receive(30_000);
                assertNotNull(fromNewServer, "the new server delivers after the failover");
                XAException end = assertThrows(XAException.class, () -> xa.end(lost, XAResource.TMSUCCESS));
                assertEquals(XAException.XA_RBCOMMFAIL, end.errorCode);
                xa.rollback(lost);

                Xid next = TestXid.next();
                xa.start(next, XAResource.TMNOFLAGS);
                List<String> got = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    TextMessage m = (TextMessage) consumer.receive(10_000);
                    assertNotNull(m, "message " + i + " of the next branch; got " + got);
                    got.add(m.getText());
                }
                xa.end(next, XAResource.TMSUCCESS);
                xa.commit(next, true);
                PairJms.assertExactlyOnce(texts, got);
            } finally {
                c.close();
            }
            assertTrue(PairJms.receiveAll(pair.url(), "xa-lost-branch", 0).isEmpty(), "nothing is left");
        }
    }
}
