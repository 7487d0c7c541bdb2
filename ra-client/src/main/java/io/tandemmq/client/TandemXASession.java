package io.tandemmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;

/**
 * An XA session: while its {@link TandemXAResource} associates it with a branch, what it sends
 * and consumes belongs to that branch; outside any branch it acknowledges like AUTO_ACKNOWLEDGE
 * and sends at once. It is always "transacted": {@link #commit()} and {@link #rollback()} throw
 * {@link TransactionInProgressException}, because the transaction manager decides.
 */
public class TandemXASession extends TandemSession implements XASession, XAQueueSession, XATopicSession {
    private final TandemXAResource resource = new TandemXAResource(this);

    TandemXASession(TandemConnection connection, long id) throws JMSException {
        super(connection, id, Session.SESSION_TRANSACTED, true);
    }

    /**
     * Whether the session is associated with an XA branch now (between a successful
     * {@code start} and its {@code end}). Outside a branch an XA session acknowledges what it
     * receives at once, so a container that failed to enlist the resource must not receive.
     */
    public boolean isInBranch() {
        return isXaAssociated();
    }

    @Override
    public TandemXAResource getXAResource() {
        return resource;
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    /** @throws TransactionInProgressException always: the transaction manager commits XA work */
    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("an XA session is committed by its transaction manager, not by commit()");
    }

    /** @throws TransactionInProgressException always: the transaction manager rolls XA work back */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("an XA session is rolled back by its transaction manager, not by rollback()");
    }
}
