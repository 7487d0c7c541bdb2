package io.tandemmq.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;

import javax.sql.DataSource;

/** Sends with an injected JMSContext on the adapter's factory, together with a row. */
@Stateless
public class ContextSender {
    @Inject
    @JMSConnectionFactory(Rows.WILDFLY_CONNECTION_FACTORY)
    private JMSContext context;
    @Resource(lookup = Rows.DATA_SOURCE)
    private DataSource db;

    public void send(String queue, String text) {
        context.createProducer().send(context.createQueue(queue), text);
        Rows.insert(db, "SENT", text);
    }
}
