package io.tandemmq.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import javax.sql.DataSource;

/** Sends through the adapter's pooled factory and inserts a row, in one container-managed transaction. */
@Stateless
public class OrderService {
    @Resource(name = Rows.CONNECTION_FACTORY_REF)
    private ConnectionFactory factory;
    @Resource(lookup = Rows.DATA_SOURCE)
    private DataSource db;
    @Resource
    private SessionContext context;

    public void sendAndRecord(String queue, String text, boolean rollback) throws JMSException {
        send(queue, text);
        Rows.insert(db, "SENT", text);
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /** The send alone: the broker is the transaction's only resource, so it commits in one phase. */
    public void send(String queue, String text) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession();
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        }
    }
}
