package io.tandemmq.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The local transaction of a pooled session, run as a one-phase XA branch of its own on the
 * session's XA resource. The container drives it through {@link #forContainer()} (no events); an
 * application drives it through a transacted session handle, and then the connection's listeners
 * hear {@code LOCAL_TRANSACTION_STARTED/COMMITTED/ROLLEDBACK}. At most one is active at a time.
 */
final class TandemLocalTransaction {
    private static final int FORMAT_ID = 0x54414e4c; // "TANL"
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TandemManagedConnection owner;
    private final XAResource resource;
    private Xid current;
    private boolean byApplication;

    TandemLocalTransaction(TandemManagedConnection owner, XAResource resource) {
        this.owner = owner;
        this.resource = resource;
    }

    /** The view the container uses. */
    LocalTransaction forContainer() {
        return new LocalTransaction() {
            @Override
            public void begin() throws ResourceException {
                TandemLocalTransaction.this.begin(false);
            }

            @Override
            public void commit() throws ResourceException {
                TandemLocalTransaction.this.commit(false);
            }

            @Override
            public void rollback() throws ResourceException {
                TandemLocalTransaction.this.rollback(false);
            }
        };
    }

    synchronized boolean isActive() {
        return current != null;
    }

    synchronized boolean isApplicationTransaction() {
        return current != null && byApplication;
    }

    /**
     * @throws LocalTransactionException when one is active already or the server refuses the branch
     */
    synchronized void begin(boolean application) throws LocalTransactionException {
        if (current != null) {
            throw new LocalTransactionException("a local transaction is active already");
        }
        Xid xid = newXid();
        try {
            resource.start(xid, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw failure("begin", e);
        }
        current = xid;
        byApplication = application;
        if (application) {
            owner.localTransactionEvent(ConnectionEvent.LOCAL_TRANSACTION_STARTED);
        }
    }

    /**
     * Commits in one phase; when the commit fails the work is rolled back.
     *
     * @throws LocalTransactionException when none is active or the commit failed (the error code of
     *                                   the server's answer is in the cause)
     */
    synchronized void commit(boolean application) throws LocalTransactionException {
        Xid xid = takeCurrent();
        try {
            resource.end(xid, XAResource.TMSUCCESS);
            resource.commit(xid, true);
        } catch (XAException e) {
            tryRollback(xid);
            if (application) {
                owner.localTransactionEvent(ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK);
            }
            throw failure("commit", e);
        }
        if (application) {
            owner.localTransactionEvent(ConnectionEvent.LOCAL_TRANSACTION_COMMITTED);
        }
    }

    /**
     * @throws LocalTransactionException when none is active or the rollback failed
     */
    synchronized void rollback(boolean application) throws LocalTransactionException {
        Xid xid = takeCurrent();
        try {
            try {
                resource.end(xid, XAResource.TMFAIL);
            } catch (XAException e) {
                if (e.errorCode < XAException.XA_RBBASE || e.errorCode > XAException.XA_RBEND) {
                    throw e;
                }
            }
            resource.rollback(xid);
        } catch (XAException e) {
            throw failure("rollback", e);
        } finally {
            if (application) {
                owner.localTransactionEvent(ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK);
            }
        }
    }

    /** Rolls back an application's transaction left open (at cleanup); never throws. */
    synchronized void rollbackApplicationTransaction() {
        if (current != null && byApplication) {
            try {
                rollback(true);
            } catch (LocalTransactionException e) {
                System.getLogger(TandemLocalTransaction.class.getName())
                        .log(System.Logger.Level.WARNING, "rolling back a local transaction left open failed", e);
            }
        }
    }

    private Xid takeCurrent() throws LocalTransactionException {
        Xid xid = current;
        if (xid == null) {
            throw new LocalTransactionException("no local transaction is active");
        }
        current = null;
        return xid;
    }

    private void tryRollback(Xid xid) {
        try {
            resource.rollback(xid);
        } catch (XAException ignored) {
            // the failed commit already ended the branch, or the server rolled it back itself
        }
    }

    private static LocalTransactionException failure(String what, XAException e) {
        LocalTransactionException failure = new LocalTransactionException(
                "local transaction " + what + " failed (XA error code " + e.errorCode + ")", Integer.toString(e.errorCode));
        failure.initCause(e);
        return failure;
    }

    private static Xid newXid() {
        byte[] gtrid = new byte[16];
        RANDOM.nextBytes(gtrid);
        byte[] bqual = ByteBuffer.allocate(4).putInt(1).array();
        return new LocalXid(gtrid, bqual);
    }

    private record LocalXid(byte[] gtrid, byte[] bqual) implements Xid {
        @Override
        public int getFormatId() {
            return FORMAT_ID;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }
    }
}
