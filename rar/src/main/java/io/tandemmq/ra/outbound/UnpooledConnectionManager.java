package io.tandemmq.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;

import java.io.Serializable;

/**
 * The connection manager outside an application server: each connection is a new physical
 * connection, closed when the application closes its handle. No pooling, no transactions.
 */
public final class UnpooledConnectionManager implements ConnectionManager {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(UnpooledConnectionManager.class.getName());

    /** @throws ResourceException when the physical connection cannot be opened */
    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info) throws ResourceException {
        ManagedConnection mc = factory.createManagedConnection(null, info);
        mc.addConnectionEventListener(new Closer());
        return mc.getConnection(null, info);
    }

    /** Destroys a managed connection when its handle is closed or it fails. */
    private static final class Closer implements ConnectionEventListener, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void connectionClosed(ConnectionEvent event) {
            destroy(event);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            destroy(event);
        }

        private static void destroy(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            try {
                mc.destroy();
            } catch (ResourceException e) {
                LOG.log(System.Logger.Level.DEBUG, "destroying an unpooled connection", e);
            }
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            // no pool to tell
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            // no pool to tell
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            // no pool to tell
        }
    }
}
