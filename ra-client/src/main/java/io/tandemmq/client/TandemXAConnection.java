package io.tandemmq.client;

import io.tandemmq.client.transport.ClientOptions;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/** A connection that also makes XA sessions. Its plain sessions behave as on any connection. */
public class TandemXAConnection extends TandemConnection implements XAConnection, XAQueueConnection, XATopicConnection {

    TandemXAConnection(ClientOptions options, String user, String password) throws JMSException {
        super(options, user, password);
    }

    @Override
    public TandemXASession createXASession() throws JMSException {
        checkOpen();
        fixClientId();
        return openSession(new TandemXASession(this, nextId()));
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createXASession().inDomain(SessionDomain.QUEUE);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createXASession().inDomain(SessionDomain.TOPIC);
    }
}
