package io.tandemmq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simplified API: one connection (shared with contexts made by {@link #createContext(int)})
 * and one session. Every method turns a {@link JMSException} into the matching
 * {@link JMSRuntimeException}; a closed context throws {@link IllegalStateRuntimeException}.
 * With auto-start on (the default) the connection starts when the first consumer is created.
 */
public class TandemJMSContext implements JMSContext {

    /** The connection and how many contexts still use it; the last one to close closes it. */
    private static final class SharedConnection {
        final TandemConnection connection;
        final AtomicInteger users = new AtomicInteger(1);

        SharedConnection(TandemConnection connection) {
            this.connection = connection;
        }
    }

    private final SharedConnection shared;
    private final int sessionMode;
    private final Object lock = new Object();
    private TandemSession session;
    private TandemMessageProducer producer;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    private TandemJMSContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    /** An XA context: its one session is an XA session. */
    TandemJMSContext(TandemXAConnection connection) {
        this(new SharedConnection(connection), SESSION_TRANSACTED);
    }

    /**
     * @throws JMSException for an invalid session mode (the connection is closed then)
     */
    static TandemJMSContext open(TandemConnection connection, int sessionMode) throws JMSException {
        try {
            checkMode(sessionMode);
        } catch (JMSRuntimeException e) {
            connection.close();
            throw new JMSException(e.getMessage());
        }
        return new TandemJMSContext(new SharedConnection(connection), sessionMode);
    }

    private static void checkMode(int mode) {
        if (mode < SESSION_TRANSACTED || mode > DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("invalid session mode " + mode);
        }
    }

    private TandemConnection connection() {
        return shared.connection;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    /** The session, created on first use so that setClientID may still be called before. */
    TandemSession session() {
        checkOpen();
        synchronized (lock) {
            if (session == null) {
                try {
                    session = connection() instanceof TandemXAConnection xa ? xa.createXASession()
                            : connection().createSession(sessionMode);
                } catch (JMSException e) {
                    throw JmsErrors.toRuntime(e);
                }
            }
            return session;
        }
    }

    TandemMessageProducer producer() {
        synchronized (lock) {
            if (producer == null) {
                try {
                    producer = session().createProducer(null);
                } catch (JMSException e) {
                    throw JmsErrors.toRuntime(e);
                }
            }
            return producer;
        }
    }

    private void startIfAuto() {
        if (autoStart) {
            try {
                connection().start();
            } catch (JMSException e) {
                throw JmsErrors.toRuntime(e);
            }
        }
    }

    /** A JMS call, to be run by {@link #unchecked}. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** Runs a JMS call and rethrows its exception as the matching {@link JMSRuntimeException}. */
    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw JmsErrors.toRuntime(e);
        }
    }

    @Override
    public JMSContext createContext(int mode) {
        checkOpen();
        checkMode(mode);
        shared.users.incrementAndGet();
        return new TandemJMSContext(shared, mode);
    }

    @Override
    public JMSProducer createProducer() {
        checkOpen();
        return new TandemJMSProducer(this);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return unchecked(() -> connection().getClientID());
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        synchronized (lock) {
            if (session != null) {
                throw new IllegalStateRuntimeException("the client id must be set before the context is used");
            }
        }
        unchecked(() -> {
            connection().setClientID(clientID);
            return null;
        });
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return unchecked(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return unchecked(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        unchecked(() -> {
            connection().setExceptionListener(listener);
            return null;
        });
    }

    @Override
    public void start() {
        checkOpen();
        session();
        unchecked(() -> {
            connection().start();
            return null;
        });
    }

    /** @throws IllegalStateRuntimeException when called from a message listener of this connection (a completion listener may) */
    @Override
    public void stop() {
        checkOpen();
        unchecked(() -> {
            connection().stop();
            return null;
        });
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /**
     * Closes the session, and the connection when no other context uses it.
     *
     * @throws IllegalStateRuntimeException when called from a message or completion listener of this context
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (lock) {
            if (session != null && session.isCallbackThread()) {
                throw new IllegalStateRuntimeException("a listener must not close its own JMSContext");
            }
            closed = true;
            if (session != null) {
                unchecked(() -> {
                    session.close();
                    return null;
                });
            }
        }
        if (shared.users.decrementAndGet() == 0) {
            unchecked(() -> {
                connection().close();
                return null;
            });
        }
    }

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return unchecked(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return sessionMode == SESSION_TRANSACTED && !closedCheck();
    }

    private boolean closedCheck() {
        checkOpen();
        return false;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        unchecked(() -> {
            session().commit();
            return null;
        });
    }

    @Override
    public void rollback() {
        unchecked(() -> {
            session().rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        unchecked(() -> {
            session().recover();
            return null;
        });
    }

    private JMSConsumer consumer(JmsCall<TandemMessageConsumer> create) {
        TandemMessageConsumer c = unchecked(create);
        startIfAuto();
        return new TandemJMSConsumer(c);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector) {
        return consumer(() -> session().createConsumer(destination, selector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, selector, noLocal));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) {
        return unchecked(() -> session().createBrowser(queue, selector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        unchecked(() -> {
            session().unsubscribe(name);
            return null;
        });
    }

    /** Acknowledges every message consumed by this context's session (CLIENT_ACKNOWLEDGE only). */
    @Override
    public void acknowledge() {
        TandemSession s = session();
        unchecked(() -> {
            s.checkOpen();
            s.acknowledgeAll();
            return null;
        });
    }
}
