package io.tandemmq.bench.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import javax.sql.DataSource;

/**
 * One persistent send per call, in a container-managed transaction of its own (REQUIRED, called
 * from a servlet without one): the adapter's XA branch, and with {@code row} a second branch in
 * the database, so that the transaction manager runs a real two-phase commit.
 */
@Stateless
public class BenchSender {
    @Resource(name = BenchRows.CONNECTION_FACTORY_REF)
    private ConnectionFactory factory;
    @Resource(lookup = BenchRows.DATA_SOURCE)
    private DataSource db;

    public void send(String text, boolean row) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession();
            s.createProducer(s.createQueue(BenchRows.QUEUE)).send(s.createTextMessage(text));
        }
        if (row) {
            BenchRows.insert(db, "SENT", text);
        }
    }
}
