package io.tandemmq.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;
import java.util.List;

/** Sends through the adapter's pooled factory and inserts a row, in one container-managed transaction. */
@Stateless
public class OrderService {
    @Resource(lookup = Rows.CONNECTION_FACTORY)
    private ConnectionFactory factory;
    @Resource(lookup = Rows.DATA_SOURCE)
    private DataSource db;
    @Resource
    private SessionContext context;
    @Resource(lookup = "java:jboss/TransactionManager")
    private TransactionManager transactions;

    public void sendAndRecord(String queue, String text, boolean rollback) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession();
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        }
        Rows.insert(db, "SENT", text);
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /** Sends and inserts like {@link #sendAndRecord}, then kills the brokers once the adapter's branch is prepared. */
    public void sendAndKillAfterPrepare(String queue, String text, List<Long> brokerPids) throws JMSException {
        sendAndRecord(queue, text, false);
        try {
            transactions.getTransaction().enlistResource(new BrokerKiller(brokerPids));
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
