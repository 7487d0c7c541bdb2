package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.XAConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        NarayanaTm narayana = NarayanaTm.get();
        TransactionManager tm = narayana.tm();
        List<String> texts = PairJms.texts("xa-fo", MESSAGES);
        try (PairProcesses pair = PairProcesses.start(dir);
             DerbyXa db = new DerbyXa(dir.resolve("db")).createTable()) {
            PairJms.sendPersistent(pair.url(), "xa-failover", texts);
            TandemConnectionFactory cf = new TandemConnectionFactory(pair.url());
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger failedTransactions = new AtomicInteger();
            TandemXAConnection c = cf.createXAConnection();
            XAConnection dbc = db.open();
            try {
                TandemXASession s = c.createXASession();
                MessageConsumer consumer = s.createConsumer(s.createQueue("xa-failover"));
                c.start();
                Thread killer = new Thread(() -> {
                    try {
                        while (committed.get() < MESSAGES / 3) {
                            Thread.sleep(10);
                        }
                        pair.kill(pair.active());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                killer.start();
                long deadline = System.currentTimeMillis() + 180_000;
                int idle = 0;
                while (System.currentTimeMillis() < deadline && idle < 5) {
                    tm.begin();
                    boolean got = false;
                    try {
                        tm.getTransaction().enlistResource(s.getXAResource());
                        tm.getTransaction().enlistResource(dbc.getXAResource());
                        TextMessage m = (TextMessage) consumer.receive(1000);
                        if (m != null) {
                            got = true;
                            DerbyXa.insert(dbc, m.getText());
                        }
                        if (got) {
                            tm.commit();
                            committed.incrementAndGet();
                        } else {
                            tm.rollback();
                        }
                        idle = got ? 0 : idle + 1;
                    } catch (Exception e) {
                        failedTransactions.incrementAndGet();
                        if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                            tm.rollback();
                        }
                    }
                }
                killer.join(60_000);
            } finally {
                dbc.close();
                c.close();
            }
            pair.awaitActive(Duration.ofSeconds(30));
            narayana.recoverWith(() -> {
                TandemXAConnection x = cf.createXAConnection();
                TandemXASession xs = x.createXASession();
                return new NarayanaTm.Opened(xs.getXAResource(), x::close);
            }, db::openForRecovery);
            narayana.recover(() -> {
                try {
                    return db.inDoubt().isEmpty() && XaJms.inDoubt(pair.url()).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            }, 10);

            List<String> rows = new ArrayList<>(db.rows());
            Collections.sort(rows);
            List<String> expected = new ArrayList<>(texts);
            Collections.sort(expected);
            System.out.printf("PairXaFailoverIT: %d committed, %d transactions failed at the failover and were"
                    + " rolled back%n", committed.get(), failedTransactions.get());
            assertEquals(expected, rows, "every message is in the table exactly once");
            assertTrue(PairJms.receiveAll(pair.url(), "xa-failover", 0).isEmpty(), "nothing is left or delivered again");
        }
    }
}
