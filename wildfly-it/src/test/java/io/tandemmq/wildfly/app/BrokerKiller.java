package io.tandemmq.wildfly.app;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A third resource in a transaction that SIGKILLs the broker processes when it is asked to
 * prepare: enlisted last, it runs after the adapter's branch is prepared and before any commit,
 * so the transaction is left in doubt for the transaction manager's recovery to finish.
 */
public final class BrokerKiller implements XAResource {
    private final List<Long> pids;

    BrokerKiller(List<Long> pids) {
        this.pids = pids;
    }

    @Override
    public int prepare(Xid xid) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
