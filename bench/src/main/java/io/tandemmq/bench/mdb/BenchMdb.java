package io.tandemmq.bench.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;

/**
 * Consumes the queue in container-managed XA transactions (the default for an MDB) and counts a
 * message only once its transaction committed, so that a rolled-back delivery is not counted and a
 * duplicate is. The activation properties (queue, sessions) come from ejb-jar.xml, written for
 * each adapter, since the two adapters name them differently.
 */
@MessageDriven(name = "BenchMdb")
public class BenchMdb implements MessageListener {
    @Resource(lookup = BenchRows.DATA_SOURCE)
    private DataSource db;
    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    public void onMessage(Message message) {
        String text;
        try {
            text = ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        if (Received.withRow()) {
            BenchRows.insert(db, "RECEIVED", text);
        }
        transactions.registerInterposedSynchronization(new CountOnCommit(text));
    }
}
