package io.tandemmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The connection an application gets from a pooled Tandem connection factory. It follows the
 * Jakarta EE rules for JMS in the web and EJB containers: one session per connection, and
 * {@code setClientID}, {@code setExceptionListener}, {@code stop} and the connection consumers
 * throw {@link IllegalStateException}. Closing it closes its session and gives the physical
 * connection back to the pool.
 */
public final class TandemConnectionHandle implements Connection, QueueConnection, TopicConnection {
    private final Object lock = new Object();
    private TandemManagedConnection managed;
    private TandemSessionHandle session;
    private boolean closed;

    TandemConnectionHandle(TandemManagedConnection managed) {
        this.managed = managed;
    }

    /** Moves this handle to another managed connection (the container's associateConnection). */
    void reassign(TandemManagedConnection to) {
        synchronized (lock) {
            if (session != null) {
                session.invalidate();
                session = null;
            }
            if (managed != null) {
                managed.dissociated(this);
            }
            managed = to;
            to.associated(this);
        }
    }

    /** The container took the physical connection back: this handle is closed for the application. */
    void invalidate() {
        synchronized (lock) {
            if (session != null) {
                session.invalidate();
                session = null;
            }
            closed = true;
        }
    }

    private TandemManagedConnection managed() throws JMSException {
        synchronized (lock) {
            if (closed || managed == null) {
                throw new IllegalStateException("the connection is closed");
            }
            return managed;
        }
    }

    private static IllegalStateException notInContainer(String method) {
        return new IllegalStateException(method + " may not be called on a connection of a Jakarta EE connection factory");
    }

    /**
     * The one session of this connection. Inside a global transaction it works in that transaction
     * (the arguments are ignored); outside one, {@code transacted} (or {@code SESSION_TRANSACTED})
     * gives a local transaction, anything else auto-acknowledge.
     *
     * @throws IllegalStateException when the connection is closed or already has an open session
     */
    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        synchronized (lock) {
            TandemManagedConnection mc = managed();
            if (session != null && !session.isClosed()) {
                throw new IllegalStateException("a Jakarta EE connection has at most one open session");
            }
            session = new TandemSessionHandle(mc, transacted || acknowledgeMode == Session.SESSION_TRANSACTED);
            return session;
        }
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public String getClientID() throws JMSException {
        return managed().physicalConnection().getClientID();
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public void setClientID(String clientID) throws JMSException {
        managed();
        throw notInContainer("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return managed().physicalConnection().getMetaData();
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        managed();
        throw notInContainer("getExceptionListener");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        managed();
        throw notInContainer("setExceptionListener");
    }

    @Override
    public void start() throws JMSException {
        managed().physicalConnection().start();
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public void stop() throws JMSException {
        managed();
        throw notInContainer("stop");
    }

    /** Closes the session and hands the physical connection back; a second close does nothing. */
    @Override
    public void close() throws JMSException {
        TandemManagedConnection mc;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (session != null) {
                session.close();
                session = null;
            }
            mc = managed;
        }
        if (mc != null) {
            mc.handleClosed(this);
        }
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw notInContainer("createConnectionConsumer");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String selector,
                                                             ServerSessionPool pool, int maxMessages) throws JMSException {
        throw notInContainer("createSharedConnectionConsumer");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String selector,
                                                              ServerSessionPool pool, int maxMessages) throws JMSException {
        throw notInContainer("createDurableConnectionConsumer");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName, String selector,
                                                                    ServerSessionPool pool, int maxMessages) throws JMSException {
        throw notInContainer("createSharedDurableConnectionConsumer");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool, int maxMessages)
            throws JMSException {
        throw notInContainer("createConnectionConsumer");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool, int maxMessages)
            throws JMSException {
        throw notInContainer("createConnectionConsumer");
    }
}
