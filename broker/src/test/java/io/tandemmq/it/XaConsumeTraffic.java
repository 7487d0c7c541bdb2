package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import javax.sql.XAConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An XA consumer under Narayana while a test kills servers: each message is received and inserted
 * into a Derby table in one global transaction (a real two-phase commit), one transaction after
 * another, until the queue stays empty for five receives. A transaction that fails at a failover is
 * rolled back and its message comes again. {@link #finishAndRecover} then lets Narayana recover
 * whatever was left in doubt, so that the table can be compared with what was sent.
 */
final class XaConsumeTraffic {
    private static final int IDLE_RECEIVES = 5;

    private final String url;
    private final String queue;
    private final DerbyXa db;
    private final NarayanaTm narayana;
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger failedTransactions = new AtomicInteger();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    XaConsumeTraffic(String url, String queue, DerbyXa db) throws java.io.IOException {
        this.url = url;
        this.queue = queue;
        this.db = db;
        this.narayana = NarayanaTm.get();
        this.thread = new Thread(this::consume, "xa-consumer-" + queue);
    }

    XaConsumeTraffic start() {
        thread.start();
        return this;
    }

    private void consume() {
        TransactionManager tm = narayana.tm();
        try (TandemXAConnection c = new TandemConnectionFactory(url).createXAConnection()) {
            XAConnection dbc = db.open();
            try {
                TandemXASession s = c.createXASession();
                MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
                c.start();
                long deadline = System.currentTimeMillis() + 300_000;
                int idle = 0;
                while (System.currentTimeMillis() < deadline && idle < IDLE_RECEIVES) {
                    idle = consumeOne(tm, s, consumer, dbc) ? 0 : idle + 1;
                }
            } finally {
                dbc.close();
            }
        } catch (JMSException | java.sql.SQLException e) {
            errors.add(e.toString());
        }
    }

    /** One global transaction; true when it consumed a message (committed or not). */
    private boolean consumeOne(TransactionManager tm, TandemXASession s, MessageConsumer consumer, XAConnection dbc) {
        try {
            tm.begin();
            tm.getTransaction().enlistResource(s.getXAResource());
            tm.getTransaction().enlistResource(dbc.getXAResource());
            TextMessage m = (TextMessage) consumer.receive(1000);
            if (m == null) {
                tm.rollback();
                return false;
            }
            DerbyXa.insert(dbc, m.getText());
            tm.commit();
            committed.incrementAndGet();
            return true;
        } catch (Exception e) {
            failedTransactions.incrementAndGet();
            try {
                if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    tm.rollback();
                }
            } catch (Exception rollbackFailed) {
                errors.add("rollback: " + rollbackFailed);
            }
            return true;
        }
    }

    /**
     * Waits until the consumer found the queue empty, then recovers every branch left in doubt on
     * the broker and in Derby (Narayana's recovery, as an application server runs it).
     */
    void finishAndRecover(long timeoutMillis) throws Exception {
        thread.join(timeoutMillis);
        assertTrue(!thread.isAlive(), "the XA consumer did not finish within " + timeoutMillis + " ms");
        TandemConnectionFactory cf = new TandemConnectionFactory(url);
        narayana.recoverWith(() -> {
            TandemXAConnection x = cf.createXAConnection();
            TandemXASession xs = x.createXASession();
            return new NarayanaTm.Opened(xs.getXAResource(), x::close);
        }, db::openForRecovery);
        narayana.recover(() -> {
            try {
                return db.inDoubt().isEmpty() && XaJms.inDoubt(url).isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, 10);
    }

    /** The rows the committed transactions inserted, sorted. */
    List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>(db.rows());
        Collections.sort(rows);
        return rows;
    }

    int committed() {
        return committed.get();
    }

    int failedTransactions() {
        return failedTransactions.get();
    }

    /** Failures outside a transaction (the connection could not be opened, a rollback failed). */
    List<String> errors() {
        return errors;
    }
}
