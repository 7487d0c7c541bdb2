package io.tandemmq.client;

import jakarta.jms.JMSContext;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;

/**
 * The simplified API over an XA session. {@link #commit()} and {@link #rollback()} throw
 * {@link TransactionInProgressRuntimeException}: the transaction manager decides.
 */
public class TandemXAJMSContext extends TandemJMSContext implements XAJMSContext {

    TandemXAJMSContext(TandemXAConnection connection) {
        super(connection);
    }

    @Override
    public JMSContext getContext() {
        session();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((TandemXASession) session()).getXAResource();
    }

    @Override
    public boolean getTransacted() {
        session();
        return true;
    }

    @Override
    public void commit() {
        session();
        throw new TransactionInProgressRuntimeException("an XA context is committed by its transaction manager");
    }

    @Override
    public void rollback() {
        session();
        throw new TransactionInProgressRuntimeException("an XA context is rolled back by its transaction manager");
    }
}
