package io.tandemmq.ra.outbound;

import io.tandemmq.client.TandemJMSConsumer;
import io.tandemmq.client.TandemJMSContext.JmsCall;
import io.tandemmq.client.TandemJMSProducer;
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
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;

import static io.tandemmq.client.TandemJMSContext.unchecked;

/**
 * The JMSContext of a pooled Tandem connection factory: one {@link TandemConnectionHandle} and
 * its one session. Inside a global transaction its sends and receives belong to that transaction
 * whatever the session mode; outside one, {@code SESSION_TRANSACTED} gives a local transaction
 * and every other mode acknowledges automatically ({@code CLIENT_ACKNOWLEDGE} may not be used in
 * a Jakarta EE container, so it is treated like {@code AUTO_ACKNOWLEDGE}). As the Jakarta EE
 * rules ask, {@code setClientID}, {@code setExceptionListener}, {@code stop},
 * {@code createContext} and the consumers' message listener methods throw
 * {@link IllegalStateRuntimeException}. Closing it hands the physical connection back to the pool.
 */
final class TandemContextHandle implements JMSContext {
    private final TandemConnectionHandle connection;
    private final int sessionMode;
    private final Object lock = new Object();
    private Session session;
    private MessageProducer producer;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    TandemContextHandle(TandemConnectionHandle connection, int sessionMode) {
        this.connection = connection;
        this.sessionMode = sessionMode;
    }

    /** @throws JMSRuntimeException for a session mode that is none of JMSContext's four */
    static void checkMode(int mode) {
        if (mode != SESSION_TRANSACTED && mode != AUTO_ACKNOWLEDGE && mode != CLIENT_ACKNOWLEDGE
                && mode != DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("invalid session mode " + mode);
        }
    }

    private static IllegalStateRuntimeException notInContainer(String method) {
        return new IllegalStateRuntimeException(method + " may not be called on a JMSContext in a Jakarta EE container");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    private Session session() {
        checkOpen();
        synchronized (lock) {
            if (session == null) {
                session = unchecked(() -> connection.createSession(sessionMode));
            }
            return session;
        }
    }

    private MessageProducer producer() throws JMSException {
        synchronized (lock) {
            if (producer == null) {
                producer = session().createProducer(null);
            }
            return producer;
        }
    }

    private <T> T inSession(JmsCall<T> call) {
        session();
        return unchecked(call);
    }

    private JMSConsumer consumer(JmsCall<jakarta.jms.MessageConsumer> create) {
        TandemConsumerHandle handle = (TandemConsumerHandle) inSession(create);
        if (autoStart) {
            unchecked(() -> {
                connection.start();
                return null;
            });
        }
        return TandemJMSConsumer.inContainer(handle.physical());
    }

    /** @throws IllegalStateRuntimeException always (Jakarta EE) */
    @Override
    public JMSContext createContext(int mode) {
        checkOpen();
        throw notInContainer("createContext");
    }

    @Override
    public JMSProducer createProducer() {
        checkOpen();
        return TandemJMSProducer.over(this, this::producer);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return unchecked(connection::getClientID);
    }

    /** @throws IllegalStateRuntimeException always (Jakarta EE) */
    @Override
    public void setClientID(String clientID) {
        checkOpen();
        throw notInContainer("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return unchecked(connection::getMetaData);
    }

    /** @return null: a context in a Jakarta EE container has no exception listener */
    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return null;
    }

    /** @throws IllegalStateRuntimeException always (Jakarta EE) */
    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        throw notInContainer("setExceptionListener");
    }

    @Override
    public void start() {
        inSession(() -> {
            connection.start();
            return null;
        });
    }

    /** @throws IllegalStateRuntimeException always (Jakarta EE) */
    @Override
    public void stop() {
        checkOpen();
        throw notInContainer("stop");
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

    /** Closes the session and hands the physical connection back to the pool; a second close does nothing. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        unchecked(() -> {
            connection.close();
            return null;
        });
    }

    @Override
    public BytesMessage createBytesMessage() {
        return inSession(() -> session.createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return inSession(() -> session.createMapMessage());
    }

    @Override
    public Message createMessage() {
        return inSession(() -> session.createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return inSession(() -> session.createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return inSession(() -> session.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return inSession(() -> session.createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return inSession(() -> session.createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return inSession(() -> session.createTextMessage(text));
    }

    /** Whether the work is transacted now: inside a global transaction, or in a local one. */
    @Override
    public boolean getTransacted() {
        return inSession(() -> session.getTransacted());
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    /**
     * @throws jakarta.jms.TransactionInProgressRuntimeException inside a global transaction
     * @throws IllegalStateRuntimeException when not transacted
     * @throws jakarta.jms.TransactionRolledBackRuntimeException when the local commit failed and was rolled back
     */
    @Override
    public void commit() {
        inSession(() -> {
            session.commit();
            return null;
        });
    }

    /**
     * @throws jakarta.jms.TransactionInProgressRuntimeException inside a global transaction
     * @throws IllegalStateRuntimeException when not transacted
     */
    @Override
    public void rollback() {
        inSession(() -> {
            session.rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        inSession(() -> {
            session.recover();
            return null;
        });
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session.createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector) {
        return consumer(() -> session.createConsumer(destination, selector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) {
        return consumer(() -> session.createConsumer(destination, selector, noLocal));
    }

    @Override
    public Queue createQueue(String queueName) {
        return inSession(() -> session.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return inSession(() -> session.createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session.createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) {
        return consumer(() -> session.createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session.createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session.createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return consumer(() -> session.createSharedConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session.createSharedConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return inSession(() -> session.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) {
        return inSession(() -> session.createBrowser(queue, selector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return inSession(() -> session.createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return inSession(() -> session.createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        inSession(() -> {
            session.unsubscribe(name);
            return null;
        });
    }

    /** Messages are acknowledged automatically in a Jakarta EE container: nothing to do. */
    @Override
    public void acknowledge() {
        checkOpen();
    }
}
