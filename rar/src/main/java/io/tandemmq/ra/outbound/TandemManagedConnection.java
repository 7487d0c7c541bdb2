package io.tandemmq.ra.outbound;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.SecurityException;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One physical Tandem XA connection with its one XA session, pooled by the application server.
 * Applications get {@link TandemConnectionHandle}s on it. A connection that is failing over stays
 * usable (calls wait for the failover); one whose failover gave up is reported to the listeners with
 * {@code CONNECTION_ERROR_OCCURRED} and is invalid from then on.
 */
public final class TandemManagedConnection implements ManagedConnection, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TandemManagedConnection.class.getName());

    private final TandemManagedConnectionFactory factory;
    private final Credentials credentials;
    private final TandemXAConnection connection;
    private final TandemXASession session;
    private final ManagedXAResource xaResource;
    private final TandemLocalTransaction localTransaction;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<TandemConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private volatile boolean failed;
    private volatile boolean destroyed;
    private volatile PrintWriter logWriter;

    /**
     * @throws CommException when no server can be reached
     * @throws SecurityException when the credentials are refused
     */
    TandemManagedConnection(TandemManagedConnectionFactory factory, TandemConnectionFactory client, Credentials credentials)
            throws ResourceException {
        this.factory = factory;
        this.credentials = credentials;
        TandemXAConnection c = null;
        try {
            c = client.createXAConnection(credentials.userName(), credentials.password());
            c.setExceptionListener(this::gaveUp);
            this.session = c.createXASession();
            c.start();
        } catch (jakarta.jms.JMSSecurityException e) {
            closeQuietly(c);
            throw new SecurityException("connecting to " + client.getUrl() + " as " + credentials.userName() + " was refused", e);
        } catch (JMSException e) {
            closeQuietly(c);
            throw new CommException("cannot connect to " + client.getUrl() + ": " + e.getMessage(), e);
        }
        this.connection = c;
        this.xaResource = new ManagedXAResource(session.getXAResource());
        this.localTransaction = new TandemLocalTransaction(this, xaResource);
    }

    private static void closeQuietly(TandemXAConnection c) {
        if (c != null) {
            try {
                c.close();
            } catch (JMSException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a connection that failed to open", e);
            }
        }
    }

    /** Failover gave up: the physical connection is broken for good. */
    private void gaveUp(JMSException cause) {
        failed = true;
        LOG.log(System.Logger.Level.WARNING, "a pooled Tandem connection is lost: " + cause.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(event);
        }
    }

    TandemManagedConnectionFactory factory() {
        return factory;
    }

    Credentials credentials() {
        return credentials;
    }

    TandemXAConnection physicalConnection() {
        return connection;
    }

    TandemXASession physicalSession() {
        return session;
    }

    ManagedXAResource managedXAResource() {
        return xaResource;
    }

    TandemLocalTransaction localTransaction() {
        return localTransaction;
    }

    /** Neither destroyed nor given up by failover. */
    boolean isUsable() {
        return !failed && !destroyed;
    }

    /**
     * A new handle on this connection.
     *
     * @throws IllegalStateException when this connection is destroyed or broken
     * @throws SecurityException when the subject or request asks for other credentials
     */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkUsable();
        if ((subject != null || info != null)
                && !factory.credentials(subject, info, factory.effectiveSettings()).equals(credentials)) {
            throw new SecurityException("this pooled connection belongs to user " + credentials.userName());
        }
        TandemConnectionHandle handle = new TandemConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    private void checkUsable() throws IllegalStateException {
        if (destroyed) {
            throw new IllegalStateException("the managed connection is destroyed");
        }
        if (failed) {
            throw new IllegalStateException("the managed connection is broken: failover gave up");
        }
    }

    /** @throws IllegalStateException unless the handle is a Tandem connection handle */
    @Override
    public void associateConnection(Object handle) throws ResourceException {
        checkUsable();
        if (!(handle instanceof TandemConnectionHandle h)) {
            throw new IllegalStateException("not a Tandem connection handle: " + handle);
        }
        h.reassign(this);
    }

    void associated(TandemConnectionHandle handle) {
        handles.add(handle);
    }

    void dissociated(TandemConnectionHandle handle) {
        handles.remove(handle);
    }

    /** An application closed a handle. */
    void handleClosed(TandemConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    void localTransactionEvent(int type) {
        ConnectionEvent event = new ConnectionEvent(this, type);
        for (ConnectionEventListener l : listeners) {
            switch (type) {
                case ConnectionEvent.LOCAL_TRANSACTION_STARTED -> l.localTransactionStarted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_COMMITTED -> l.localTransactionCommitted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK -> l.localTransactionRolledback(event);
                default -> throw new java.lang.IllegalStateException("not a local transaction event: " + type);
            }
        }
    }

    /**
     * Makes the connection ready for the pool: invalidates every handle (closing what they
     * created), rolls back an application's local transaction and stops delivery.
     *
     * @throws IllegalStateException when destroyed
     */
    @Override
    public void cleanup() throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("the managed connection is destroyed");
        }
        for (TandemConnectionHandle h : List.copyOf(handles)) {
            h.invalidate();
        }
        handles.clear();
        localTransaction.rollbackApplicationTransaction();
    }

    /** Closes the physical connection; safe to call twice. */
    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (TandemConnectionHandle h : List.copyOf(handles)) {
            h.invalidate();
        }
        handles.clear();
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a broken pooled connection", e);
        }
        factory.closed(this);
    }

    /** The same as {@link #destroy()}, for the adapter's stop. */
    @Override
    public void close() {
        destroy();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /**
     * The XA resource of the session.
     *
     * @throws jakarta.resource.NotSupportedException when the definition supports no transactions
     */
    @Override
    public XAResource getXAResource() throws ResourceException {
        if (factory.getTransactionSupport() == jakarta.resource.spi.TransactionSupport.TransactionSupportLevel.NoTransaction) {
            throw new jakarta.resource.NotSupportedException("this connection definition supports no transactions");
        }
        return xaResource;
    }

    /**
     * The local transaction of the session, for the container.
     *
     * @throws jakarta.resource.NotSupportedException when the definition supports no transactions
     */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        if (factory.getTransactionSupport() == jakarta.resource.spi.TransactionSupport.TransactionSupportLevel.NoTransaction) {
            throw new jakarta.resource.NotSupportedException("this connection definition supports no transactions");
        }
        return localTransaction.forContainer();
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        checkUsable();
        try {
            var md = connection.getMetaData();
            String product = md.getJMSProviderName();
            String version = md.getProviderVersion();
            String user = credentials.userName();
            return new ManagedConnectionMetaData() {
                @Override
                public String getEISProductName() {
                    return product;
                }

                @Override
                public String getEISProductVersion() {
                    return version;
                }

                @Override
                public int getMaxConnections() {
                    return 0;
                }

                @Override
                public String getUserName() {
                    return user;
                }
            };
        } catch (JMSException e) {
            throw new CommException("metadata: " + e.getMessage(), e);
        }
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public String toString() {
        return "TandemManagedConnection[" + credentials + (failed ? ", failed" : "") + (destroyed ? ", destroyed" : "") + "]";
    }
}
