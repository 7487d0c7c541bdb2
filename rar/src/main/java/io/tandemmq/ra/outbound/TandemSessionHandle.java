package io.tandemmq.ra.outbound;

import io.tandemmq.client.TandemXASession;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.LocalTransactionException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The session an application gets from a {@link TandemConnectionHandle}, on the pooled XA
 * session. Inside a global (or container-local) transaction its work belongs to that transaction
 * and {@code commit}/{@code rollback} throw {@link TransactionInProgressException}; created
 * transacted outside one, it runs an application local transaction (the pool hears the local
 * transaction events); otherwise it acknowledges automatically. {@code setMessageListener},
 * {@code getMessageListener} and {@code run} throw {@link IllegalStateException} (Jakarta EE).
 * Closing it closes the consumers, producers and browsers made through it.
 */
final class TandemSessionHandle implements Session, QueueSession, TopicSession {
    /** Something made through this session that it closes. */
    private interface Child {
        void close() throws JMSException;
    }

    private final TandemManagedConnection managed;
    private final TandemXASession session;
    private final boolean localTransaction;
    private final List<Child> children = new ArrayList<>();
    private boolean closed;

    /**
     * @throws JMSException when the application local transaction cannot begin
     */
    TandemSessionHandle(TandemManagedConnection managed, boolean transacted) throws JMSException {
        this.managed = managed;
        this.session = managed.physicalSession();
        this.localTransaction = transacted && !managed.managedXAResource().isAssociated()
                && managed.factory().getTransactionSupport() != jakarta.resource.spi.TransactionSupport.TransactionSupportLevel.NoTransaction;
        if (localTransaction) {
            local(() -> managed.localTransaction().begin(true));
        }
    }

    private interface LocalCall {
        void run() throws LocalTransactionException;
    }

    private static void local(LocalCall call) throws JMSException {
        try {
            call.run();
        } catch (LocalTransactionException e) {
            JMSException failure = new jakarta.jms.TransactionRolledBackException(e.getMessage(), e.getErrorCode());
            failure.initCause(e);
            throw failure;
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized TandemXASession open() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        return session;
    }

    private synchronized <T extends Child> T child(T child) {
        children.add(child);
        return child;
    }

    /** Closes what was made through this session; the application can no longer use it. */
    void invalidate() {
        List<Child> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(children);
            children.clear();
        }
        for (Child c : all) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // the physical session may be failing over or gone; the pool deals with it
            }
        }
    }

    @Override
    public void close() throws JMSException {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        invalidate();
        if (localTransaction && managed.localTransaction().isApplicationTransaction()) {
            local(() -> managed.localTransaction().rollback(true));
        }
    }

    @Override
    public boolean getTransacted() throws JMSException {
        open();
        return localTransaction || managed.managedXAResource().isAssociated();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        return getTransacted() ? SESSION_TRANSACTED : AUTO_ACKNOWLEDGE;
    }

    /**
     * Commits the application local transaction and begins the next.
     *
     * @throws TransactionInProgressException inside a container transaction
     * @throws IllegalStateException when the session is not transacted
     * @throws jakarta.jms.TransactionRolledBackException when the commit failed and the work was rolled back
     */
    @Override
    public void commit() throws JMSException {
        open();
        if (localTransaction) {
            local(() -> managed.localTransaction().commit(true));
            local(() -> managed.localTransaction().begin(true));
        } else if (managed.managedXAResource().isAssociated()) {
            throw new TransactionInProgressException("the container's transaction is committed by the container");
        } else {
            throw new IllegalStateException("the session is not transacted");
        }
    }

    /**
     * Rolls back the application local transaction and begins the next.
     *
     * @throws TransactionInProgressException inside a container transaction
     * @throws IllegalStateException when the session is not transacted
     */
    @Override
    public void rollback() throws JMSException {
        open();
        if (localTransaction) {
            local(() -> managed.localTransaction().rollback(true));
            local(() -> managed.localTransaction().begin(true));
        } else if (managed.managedXAResource().isAssociated()) {
            throw new TransactionInProgressException("the container's transaction is rolled back by the container");
        } else {
            throw new IllegalStateException("the session is not transacted");
        }
    }

    @Override
    public void recover() throws JMSException {
        if (getTransacted()) {
            throw new IllegalStateException("recover() on a transacted session");
        }
        session.recover();
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        open();
        throw new IllegalStateException("getMessageListener may not be called in a Jakarta EE container");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        open();
        throw new IllegalStateException("setMessageListener may not be called in a Jakarta EE container");
    }

    /** @throws java.lang.IllegalStateException always: no message listeners in a Jakarta EE container */
    @Override
    public void run() {
        throw new java.lang.IllegalStateException("Session.run is not supported in a Jakarta EE container");
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return open().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return open().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return open().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return open().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return open().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return open().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return open().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return open().createTextMessage(text);
    }

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        MessageProducer p = open().createProducer(destination);
        child(p::close);
        return p;
    }

    private TandemConsumerHandle consumer(MessageConsumer c) {
        child(c::close);
        return new TandemConsumerHandle(c);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return consumer(open().createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return consumer(open().createConsumer(destination, selector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal) throws JMSException {
        return consumer(open().createConsumer(destination, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        return consumer(open().createSharedConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        return consumer(open().createSharedConsumer(topic, name, selector));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(open().createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) throws JMSException {
        return consumer(open().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(open().createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector) throws JMSException {
        return consumer(open().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return consumer(open().createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal) throws JMSException {
        return consumer(open().createDurableSubscriber(topic, name, selector, noLocal));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        QueueBrowser b = open().createBrowser(queue);
        child(b::close);
        return b;
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        QueueBrowser b = open().createBrowser(queue, selector);
        child(b::close);
        return b;
    }

    @Override
    public Queue createQueue(String name) throws JMSException {
        return open().createQueue(name);
    }

    @Override
    public Topic createTopic(String name) throws JMSException {
        return open().createTopic(name);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        return open().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        return open().createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        open().unsubscribe(name);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return consumer(open().createReceiver(queue));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return consumer(open().createReceiver(queue, selector));
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        QueueSender s = open().createSender(queue);
        child(s::close);
        return s;
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return consumer(open().createSubscriber(topic));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return consumer(open().createSubscriber(topic, selector, noLocal));
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        TopicPublisher p = open().createPublisher(topic);
        child(p::close);
        return p;
    }
}
