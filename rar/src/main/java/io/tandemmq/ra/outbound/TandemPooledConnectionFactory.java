package io.tandemmq.ra.outbound;

import io.tandemmq.client.TandemJMSContext;
import io.tandemmq.ra.ConnectionSettings;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * The connection factory applications look up: every connection comes from the server's pool
 * through its {@link ConnectionManager} (or, outside a server, from an
 * {@link UnpooledConnectionManager}) and is a {@link TandemConnectionHandle}.
 */
public final class TandemPooledConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Referenceable, Serializable {
    private static final long serialVersionUID = 1L;

    private final TandemManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    TandemPooledConnectionFactory(TandemManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    /**
     * A connection with the configured (or container-managed) credentials.
     *
     * @throws JMSException when no pooled connection can be had; the cause is the pool's reason
     */
    @Override
    public Connection createConnection() throws JMSException {
        return allocate(null);
    }

    /**
     * A connection as this user (application-managed sign-on).
     *
     * @throws JMSSecurityException when the server refuses the credentials
     */
    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    private TandemConnectionHandle allocate(Credentials credentials) throws JMSException {
        try {
            return (TandemConnectionHandle) manager.allocateConnection(factory, credentials);
        } catch (jakarta.resource.spi.SecurityException e) {
            JMSException failure = new JMSSecurityException(e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        } catch (ResourceException e) {
            JMSException failure = new JMSException("no Tandem connection: " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    /** The connection settings of this factory's connection definition over its adapter's. */
    public ConnectionSettings settings() {
        return factory.effectiveSettings();
    }

    /** A context with the configured (or container-managed) credentials; see {@link TandemContextHandle}. */
    @Override
    public JMSContext createContext() {
        return context(null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** @throws jakarta.jms.JMSSecurityRuntimeException when the server refuses the credentials */
    @Override
    public JMSContext createContext(String userName, String password) {
        return context(new Credentials(userName, password), JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** @throws JMSRuntimeException for an invalid session mode */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(new Credentials(userName, password), sessionMode);
    }

    /** @throws JMSRuntimeException for an invalid session mode */
    @Override
    public JMSContext createContext(int sessionMode) {
        return context(null, sessionMode);
    }

    private JMSContext context(Credentials credentials, int sessionMode) {
        TandemContextHandle.checkMode(sessionMode);
        return new TandemContextHandle(TandemJMSContext.unchecked(() -> allocate(credentials)), sessionMode);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "TandemPooledConnectionFactory[" + factory + "]";
    }
}
