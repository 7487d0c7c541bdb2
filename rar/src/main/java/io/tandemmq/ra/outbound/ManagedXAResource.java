package io.tandemmq.ra.outbound;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA resource of a pooled session as the transaction manager sees it: the client's resource,
 * plus whether a transaction branch is associated right now, so that connection handles know
 * whether their session works inside a global transaction. Every call and every
 * {@link XAException} (with its error code) is the client's.
 */
final class ManagedXAResource implements XAResource {
    private final XAResource delegate;
    private volatile Xid associated;

    ManagedXAResource(XAResource delegate) {
        this.delegate = delegate;
    }

    /** Whether a branch is associated with the session (between start and end). */
    boolean isAssociated() {
        return associated != null;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
        associated = xid;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            delegate.end(xid, flags);
        } finally {
            // suspended work is not associated either: the session is outside any branch until resumed
            associated = null;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource o = other instanceof ManagedXAResource m ? m.delegate : other;
        return delegate.isSameRM(o);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "ManagedXAResource[" + delegate + "]";
    }
}
