package io.tandemmq.client;

import io.tandemmq.client.failover.Retry;
import io.tandemmq.client.message.TandemBytesMessage;
import io.tandemmq.client.message.TandemMessage;
import io.tandemmq.client.message.TandemStreamMessage;
import io.tandemmq.client.offline.OfflineStore;
import io.tandemmq.client.offline.OfflineStoreException;
import io.tandemmq.client.offline.OfflineStoreFullException;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.Send;
import io.tandemmq.protocol.WireMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer. Message ids are {@code ID:<producer uuid>:<sequence>}, assigned here, so that a
 * resend of the same message is recognised by the broker.
 *
 * <p>A persistent send outside a transaction returns once the broker has the message in its
 * store. Non-persistent sends and sends in a transacted session do not wait for the broker
 * (errors of a transacted send surface at commit); {@code blockOnNonPersistentSend=true} makes
 * non-persistent sends wait too.
 *
 * <p>With client-side persistence, a persistent send of a non-transacted, non-XA session goes to the
 * local store (and returns once it is on disk) while no server is connected, and while earlier
 * messages of this producer still wait there, so that none overtakes them; a direct send that
 * fails for lack of a server goes there too. A non-persistent send while no server is connected
 * fails: the store keeps persistent messages only.
 */
public class TandemMessageProducer implements QueueSender, TopicPublisher {
    private final TandemSession session;
    private final TandemDestination destination;
    private final String idPrefix = "ID:" + UUID.randomUUID() + ":";
    private final AtomicLong sequence = new AtomicLong();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;
    /** Guards {@link #pendingAsyncSends}: asynchronous sends whose completion listener has not returned yet. */
    private final Object asyncSends = new Object();
    private int pendingAsyncSends;

    TandemMessageProducer(TandemSession session, TandemDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        session.checkOpen();
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        checkDeliveryMode(mode);
        deliveryMode = mode;
    }

    private static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode " + mode + " is neither PERSISTENT nor NON_PERSISTENT");
        }
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        checkPriority(value);
        priority = value;
    }

    private static void checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority " + value + " is outside 0..9");
        }
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    /**
     * Closes the producer once its incomplete asynchronous sends have completed and their
     * completion listeners returned (7.3.4); sends after this are refused.
     *
     * @throws IllegalStateException when called from a completion listener of this producer (it would
     *         wait for itself), or from another callback of its session while this producer still has
     *         incomplete sends (their listeners run on that same thread); the producer stays open then
     */
    @Override
    public void close() throws JMSException {
        if (session.inCompletionListenerOf(this)) {
            throw new IllegalStateException("a completion listener must not close its own producer");
        }
        synchronized (asyncSends) {
            if (session.isCallbackThread() && pendingAsyncSends > 0) {
                throw new IllegalStateException("this producer has incomplete asynchronous sends whose completion"
                        + " listeners run on this session's callback thread: close it outside the session's listeners");
            }
            closed = true;
            while (pendingAsyncSends > 0) {
                try {
                    asyncSends.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JMSException("interrupted while waiting for the producer's asynchronous sends");
                }
            }
        }
        session.removeProducer(this);
    }

    // ---- send variants: all end in send(...) below ----

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        checkOpen();
        send(ownDestination(), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination dest, Message message) throws JMSException {
        send(dest, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination dest, Message message, int mode, int prio, long ttl) throws JMSException {
        checkOpen();
        send(otherDestination(dest), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener) throws JMSException {
        checkOpen();
        send(ownDestination(), message, mode, prio, ttl, requireListener(listener));
    }

    @Override
    public void send(Destination dest, Message message, CompletionListener listener) throws JMSException {
        send(dest, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination dest, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        checkOpen();
        send(otherDestination(dest), message, mode, prio, ttl, requireListener(listener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    /** Required by the spec: a producer made for one destination only sends there. */
    private TandemDestination ownDestination() {
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination; name one in send(...)");
        }
        return destination;
    }

    private TandemDestination otherDestination(Destination dest) throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination + " only");
        }
        if (dest == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        if (!(dest instanceof TandemDestination td)) {
            throw new InvalidDestinationException("not a Tandem destination: " + dest);
        }
        return td;
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the completion listener must not be null");
        }
        return listener;
    }

    /**
     * Sets the message's headers and sends it.
     *
     * @param listener null for a synchronous send
     * @throws MessageFormatException when the message is null or cannot be encoded
     * @throws jakarta.jms.ResourceAllocationException when the broker refuses it for lack of memory
     * @throws IllegalStateException when the session is closed, or a completion listener of this
     *         session calls a synchronous send
     */
    void send(TandemDestination dest, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message must not be null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        long now = System.currentTimeMillis();
        message.setJMSDestination(dest);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(deliveryDelay > 0 ? now + deliveryDelay : now);
        String messageId = idPrefix + sequence.incrementAndGet();
        message.setJMSMessageID(messageId);
        WireMessage wire = TandemMessage.copyOf(message).toWire();
        if (disableMessageId) {
            message.setJMSMessageID(null);
        }
        dispatch(wire, message, listener);
    }

    private void dispatch(WireMessage wire, Message message, CompletionListener listener) throws JMSException {
        TandemConnection connection = session.connection();
        boolean transacted = session.sendsAreTransactional();
        if (connection.offlineStore() != null && !transacted && !session.isXa()) {
            if (wire.isPersistent()) {
                sendOrStore(connection, wire, message, listener);
                return;
            }
            if (connection.isOffline()) {
                throw new JMSException("no server is connected, and client-side persistence keeps persistent messages"
                        + " only: this message is non-persistent");
            }
        }
        if (transacted) {
            session.sentInTransaction();
        }
        // a persistent send outside a transaction is sent again after a failover (the broker drops
        // duplicates by message id); anything else lived only in the lost server's memory
        Retry retry = wire.isPersistent() && !transacted ? Retry.RESEND : Retry.FAIL;
        CompletableFuture<Frame> reply = connection.link().request(FrameType.SEND, new Send(session.id(), wire), retry);
        if (listener != null) {
            completeLater(reply, message, listener);
            return;
        }
        // refused before it left (too large, link closed): say so now, even where the send does not wait
        boolean wait = reply.isDone()
                || !transacted && (wire.isPersistent() || connection.options().blockOnNonPersistentSend());
        if (!wait) {
            reply.whenComplete((ok, failure) -> {
                if (failure != null) {
                    System.getLogger(TandemMessageProducer.class.getName()).log(System.Logger.Level.WARNING,
                            "a send the producer did not wait for failed: {0}", failure.getMessage());
                }
            });
            return;
        }
        try {
            io.tandemmq.client.transport.BrokerLink.await(reply, connection.link().awaitLimitMillis());
        } catch (ProtocolException e) {
            throw JmsErrors.of(e);
        }
    }

    /**
     * A persistent send with client-side persistence: to the store while offline or while this
     * producer's earlier messages wait, else to the server, falling back to the store when no
     * server answers (the same message id reaching the server twice is dropped there).
     *
     * @throws jakarta.jms.ResourceAllocationException when the store is full
     * @throws JMSException when the server refuses the message, or the disk fails
     */
    private void sendOrStore(TandemConnection connection, WireMessage wire, Message message, CompletionListener listener)
            throws JMSException {
        OfflineStore store = connection.offlineStore();
        CompletableFuture<Frame> reply;
        if (connection.isOffline() || store.hasWaiting(idPrefix)) {
            store(store, wire);
            reply = CompletableFuture.completedFuture(null);
        } else {
            reply = connection.link().request(FrameType.SEND, new Send(session.id(), wire), Retry.RESEND);
        }
        if (listener != null) {
            completeLater(reply.exceptionallyCompose(failure -> storeAfter(failure, store, wire)), message, listener);
            return;
        }
        try {
            connection.link().awaitWhileConnected(reply, connection.options().requestTimeoutMillis());
        } catch (ProtocolException e) {
            if (refusedByServer(e)) {
                throw JmsErrors.of(e);
            }
            store(store, wire);
        }
    }

    private void store(OfflineStore store, WireMessage wire) throws JMSException {
        try {
            store.store(idPrefix, wire.encode());
        } catch (OfflineStoreFullException e) {
            ResourceAllocationException full = new ResourceAllocationException(e.getMessage());
            full.initCause(e);
            throw full;
        } catch (OfflineStoreException e) {
            throw JmsErrors.wrap(e.getMessage(), e);
        }
    }

    private CompletableFuture<Frame> storeAfter(Throwable failure, OfflineStore store, WireMessage wire) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProtocolException pe && refusedByServer(pe)) {
            return CompletableFuture.failedFuture(cause);
        }
        try {
            store(store, wire);
            return CompletableFuture.completedFuture(null);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The server answered with a refusal (as opposed to: no server answered). */
    private static boolean refusedByServer(ProtocolException e) {
        return e.code() != ErrorCode.GENERAL && e.code() != ErrorCode.CONNECTION_LOST;
    }

    private void completeLater(CompletableFuture<Frame> reply, Message message, CompletionListener listener) {
        session.asyncSendStarted();
        synchronized (asyncSends) {
            pendingAsyncSends++;
        }
        session.inSendOrder(reply, (ok, failure) -> {
            session.enterCompletionListener(this);
            try {
                resetForReading(message);
                if (failure == null) {
                    listener.onCompletion(message);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    listener.onException(message, cause instanceof ProtocolException pe ? JmsErrors.of(pe)
                            : cause instanceof JMSException je ? je
                            : JmsErrors.wrap("send failed: " + cause.getMessage(), new RuntimeException(cause)));
                }
            } finally {
                session.leaveCompletionListener();
                session.asyncSendDone();
                synchronized (asyncSends) {
                    pendingAsyncSends--;
                    asyncSends.notifyAll();
                }
            }
        });
    }

    /** Spec 7.3.6: a bytes or stream message handed to a completion listener is in read-only mode. */
    private static void resetForReading(Message message) {
        if (message instanceof TandemBytesMessage b) {
            b.reset();
        } else if (message instanceof TandemStreamMessage s) {
            s.reset();
        }
    }
}
