package io.tandemmq.ra.inbound;

import io.tandemmq.client.TandemConnection;
import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemMessageConsumer;
import io.tandemmq.client.TandemXAConnection;
import io.tandemmq.client.TandemXASession;
import io.tandemmq.ra.ConnectionSettings;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;

import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One consumer of an activation, run on the adapter's work manager: its own connection and
 * session, receiving and handing each message to a message endpoint. Transacted delivery wraps the
 * receive and {@code onMessage} in {@code beforeDelivery}/{@code afterDelivery} with the session's
 * XA resource; otherwise the message is acknowledged after {@code onMessage} returns and a
 * {@link RuntimeException} from it means redelivery. When the connection is lost for good the work
 * opens a new one after a bounded wait, until the activation stops.
 */
final class DeliveryWork implements Work {
    private static final System.Logger LOG = System.getLogger(DeliveryWork.class.getName());
    /** How long one receive waits, which bounds how long {@link #release()} waits for the loop to see it. */
    static final long RECEIVE_MILLIS = 1_000;
    private static final long RETRY_MIN_MILLIS = 100;
    private static final long RETRY_MAX_MILLIS = 5_000;
    private static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TandemActivationSpec spec;
    private final DeliveryTarget target;
    private final ConnectionSettings settings;
    private final MessageEndpointFactory factory;
    private final String name;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean active = true;
    private volatile TandemConnection connection;

    DeliveryWork(TandemActivationSpec spec, DeliveryTarget target, ConnectionSettings settings, MessageEndpointFactory factory,
                 String name) {
        this.spec = spec;
        this.target = target;
        this.settings = settings;
        this.factory = factory;
        this.name = name;
    }

    @Override
    public void run() {
        long retry = RETRY_MIN_MILLIS;
        try {
            while (active) {
                try {
                    deliver();
                    retry = RETRY_MIN_MILLIS;
                } catch (Exception e) {
                    if (!active) {
                        break;
                    }
                    LOG.log(System.Logger.Level.WARNING, name + ": delivery stopped (" + e + "); reconnecting in " + retry + " ms");
                    sleep(retry);
                    retry = Math.min(RETRY_MAX_MILLIS, retry * 2);
                } finally {
                    closeConnection();
                }
            }
        } finally {
            finished.countDown();
        }
    }

    private void deliver() throws Exception {
        boolean transacted = factory.isDeliveryTransacted(ON_MESSAGE);
        TandemConnectionFactory cf = new TandemConnectionFactory(settings.clientUrl());
        if (transacted) {
            TandemXAConnection xa = cf.createXAConnection(settings.userName(), settings.password());
            connection = xa;
            TandemXASession session = xa.createXASession();
            MessageConsumer consumer = consumer(session);
            xa.start();
            MessageEndpoint endpoint = factory.createEndpoint(session.getXAResource());
            try {
                while (active) {
                    if (!((TandemMessageConsumer) consumer).awaitDelivery(RECEIVE_MILLIS)) {
                        // nothing to deliver: no transaction is begun for an empty receive
                        continue;
                    }
                    boolean failed = false;
                    endpoint.beforeDelivery(ON_MESSAGE);
                    try {
                        if (!session.isInBranch()) {
                            // the container could not enlist the session (its start was cut off by a
                            // failover, say): a receive now would be acknowledged outside the transaction
                            throw new IllegalStateException("the session's XA resource is not enlisted in the delivery's transaction");
                        }
                        Message m = consumer.receiveNoWait();
                        if (m != null) {
                            // a dead-lettered message is sent in the delivery's transaction, atomically with its consumption
                            failed = !(deadLettered(session, m) || onMessage(endpoint, m));
                        }
                    } finally {
                        endpoint.afterDelivery();
                    }
                    pauseAfter(failed);
                }
            } finally {
                endpoint.release();
            }
        } else {
            TandemConnection c = cf.createConnection(settings.userName(), settings.password());
            connection = c;
            Session session = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = consumer(session);
            c.start();
            MessageEndpoint endpoint = factory.createEndpoint(null);
            try {
                while (active) {
                    Message m = consumer.receive(RECEIVE_MILLIS);
                    if (m == null) {
                        continue;
                    }
                    if (deadLettered(session, m) || onMessage(endpoint, m)) {
                        m.acknowledge();
                    } else {
                        session.recover();
                        pauseAfter(true);
                    }
                }
            } finally {
                endpoint.release();
            }
        }
    }

    /**
     * Past the spec's {@code maxDeliveryAttempts} a message goes to its dead-letter queue instead
     * of to the bean: sent by the delivering session, so in a transacted delivery it moves
     * together with the consumption; otherwise it is sent before the acknowledgement (at worst
     * twice, never lost).
     *
     * @return whether the message was dead-lettered (the caller then settles it as consumed)
     */
    private boolean deadLettered(Session session, Message m) throws JMSException {
        int max = spec.getMaxDeliveryAttempts();
        if (max == 0 || !m.propertyExists("JMSXDeliveryCount") || m.getIntProperty("JMSXDeliveryCount") <= max) {
            return false;
        }
        try (MessageProducer p = session.createProducer(session.createQueue(spec.getDeadLetterQueue()))) {
            p.send(m, m.getJMSDeliveryMode(), m.getJMSPriority(), 0);
        }
        LOG.log(System.Logger.Level.WARNING, name + ": message " + m.getJMSMessageID() + " was delivered "
                + m.getIntProperty("JMSXDeliveryCount") + " times; moved to " + spec.getDeadLetterQueue());
        return true;
    }

    /** After a failed delivery, waits the spec's {@code redeliveryDelay} before this consumer receives again. */
    private void pauseAfter(boolean failed) {
        long delay = spec.getRedeliveryDelay();
        if (failed && delay > 0 && active) {
            sleep(delay);
        }
    }

    /** @return whether {@code onMessage} returned normally */
    private boolean onMessage(MessageEndpoint endpoint, Message m) {
        try {
            ((MessageListener) endpoint).onMessage(m);
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, name + ": onMessage threw; the message will be redelivered", e);
            return false;
        }
    }

    private MessageConsumer consumer(Session session) throws JMSException {
        String selector = spec.getMessageSelector();
        if (!target.topic()) {
            return session.createConsumer(session.createQueue(target.destination()), selector);
        }
        Topic topic = session.createTopic(target.destination());
        String sub = spec.getSubscriptionName();
        boolean shared = spec.getShareSubscriptions();
        if (spec.isDurable()) {
            return shared ? session.createSharedDurableConsumer(topic, sub, selector)
                    : session.createDurableConsumer(topic, sub, selector, false);
        }
        Destination d = topic;
        return shared ? session.createSharedConsumer(topic, sub, selector) : session.createConsumer(d, selector);
    }

    private void closeConnection() {
        TandemConnection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException e) {
                LOG.log(System.Logger.Level.DEBUG, name + ": closing the connection", e);
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            active = false;
        }
    }

    /** Asks the loop to stop after the message in hand; see {@link #awaitFinished}. */
    @Override
    public void release() {
        active = false;
    }

    /** @return whether the loop ended within the time */
    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
