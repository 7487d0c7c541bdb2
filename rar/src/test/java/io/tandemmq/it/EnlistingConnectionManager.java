package io.tandemmq.it;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small connection manager for the resource adapter tests, standing in for an application
 * server's: each allocation opens a new managed connection and, inside a JTA transaction, enlists
 * its XA resource; a closed connection is destroyed once its transaction completed. It records the
 * connection events it hears.
 */
final class EnlistingConnectionManager implements ConnectionManager {
    private static final long serialVersionUID = 1L;

    private final transient TransactionManager tm;
    final transient List<Integer> events = new CopyOnWriteArrayList<>();
    final transient List<ManagedConnection> live = new CopyOnWriteArrayList<>();

    EnlistingConnectionManager(TransactionManager tm) {
        this.tm = tm;
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info) throws ResourceException {
        ManagedConnection mc = factory.createManagedConnection(null, info);
        live.add(mc);
        mc.addConnectionEventListener(new Listener());
        try {
            Transaction tx = tm.getTransaction();
            if (tx != null && tx.getStatus() == Status.STATUS_ACTIVE) {
                if (!tx.enlistResource(mc.getXAResource())) {
                    throw new ResourceException("the transaction manager refused the XA resource");
                }
            }
        } catch (ResourceException e) {
            mc.destroy();
            throw e;
        } catch (Exception e) {
            mc.destroy();
            throw new ResourceException("enlisting failed: " + e, e);
        }
        return mc.getConnection(null, info);
    }

    /** Destroys every managed connection still open. */
    void destroyAll() throws ResourceException {
        for (ManagedConnection mc : live) {
            mc.destroy();
        }
        live.clear();
    }

    private final class Listener implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            events.add(event.getId());
            ManagedConnection mc = (ManagedConnection) event.getSource();
            try {
                Transaction tx = tm.getTransaction();
                if (tx != null && tx.getStatus() == Status.STATUS_ACTIVE) {
                    tx.delistResource(mc.getXAResource(), javax.transaction.xa.XAResource.TMSUCCESS);
                    tx.registerSynchronization(new Synchronization() {
                        @Override
                        public void beforeCompletion() {
                        }

                        @Override
                        public void afterCompletion(int status) {
                            destroy(mc);
                        }
                    });
                } else {
                    destroy(mc);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void destroy(ManagedConnection mc) {
            live.remove(mc);
            try {
                mc.destroy();
            } catch (ResourceException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            events.add(event.getId());
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            events.add(event.getId());
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            events.add(event.getId());
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            events.add(event.getId());
        }
    }
}
