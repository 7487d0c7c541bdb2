package io.tandemmq.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import javax.sql.DataSource;

/** An MDB body: one RECEIVED row per message, in the delivery's container-managed transaction. */
public abstract class RowPerMessage implements MessageListener {
    @Resource(lookup = Rows.DATA_SOURCE)
    private DataSource db;

    /** Put before each text in its row. */
    String prefix() {
        return "";
    }

    @Override
    public void onMessage(Message message) {
        try {
            Rows.insert(db, "RECEIVED", prefix() + ((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
