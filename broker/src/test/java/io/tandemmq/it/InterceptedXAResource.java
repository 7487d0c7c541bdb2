package io.tandemmq.it;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An XAResource that passes every call on, remembers the Xids it was started with and the
 * commits it was asked for, and can run something first when asked to commit (kill the broker,
 * halt the JVM).
 */
final class InterceptedXAResource implements XAResource {
    @FunctionalInterface
    interface BeforeCommit {
        void run(Xid xid, boolean onePhase) throws Exception;
    }

    private final XAResource delegate;
    private final BeforeCommit beforeCommit;
    final List<Xid> started = new CopyOnWriteArrayList<>();
    final List<Boolean> commits = new CopyOnWriteArrayList<>();

    InterceptedXAResource(XAResource delegate, BeforeCommit beforeCommit) {
        this.delegate = delegate;
        this.beforeCommit = beforeCommit;
    }

    InterceptedXAResource(XAResource delegate) {
        this(delegate, (xid, onePhase) -> { });
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        started.add(xid);
        delegate.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        delegate.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        commits.add(onePhase);
        try {
            beforeCommit.run(xid, onePhase);
        } catch (Exception e) {
            throw new IllegalStateException("the step before commit failed", e);
        }
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
        return delegate.isSameRM(other instanceof InterceptedXAResource i ? i.delegate : other);
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
        return "Intercepted[" + delegate + "]";
    }
}
